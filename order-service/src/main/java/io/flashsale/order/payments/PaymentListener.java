package io.flashsale.order.payments;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.contracts.EventEnvelope;
import io.flashsale.contracts.Topics;
import io.flashsale.contracts.payment.PaymentSucceeded;
import io.flashsale.order.orders.OrderIds;
import io.flashsale.order.orders.OrderLifecycle;
import io.flashsale.order.orders.OrderLifecycle.PaymentOutcome;
import io.flashsale.platform.messaging.EventReader;
import io.flashsale.platform.messaging.PoisonMessage;
import io.flashsale.platform.messaging.ProcessedMessages;
import io.flashsale.stock.Reservation;
import io.flashsale.stock.StockCounters;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads {@code PaymentSucceeded} from the payments topic, one record at a time, and skips
 * every other type. The processed-message record and the order's transition commit in one
 * transaction, so a redelivered record changes nothing and publishes nothing. A record
 * that can never succeed (unreadable, invalid, for an order that will never exist) goes
 * to the dead-letter topic at once; an order still being written is retried with backoff.
 */
@Component
class PaymentListener {

	/** The consumer group, and the consumer name in {@code processed_message}. */
	static final String CONSUMER = "order-service.payments";

	private static final Logger logger = LoggerFactory.getLogger(PaymentListener.class);

	private final EventReader events;

	private final ProcessedMessages processed;

	private final OrderLifecycle lifecycle;

	private final StockCounters counters;

	private final TransactionTemplate transactions;

	PaymentListener(EventReader events, ProcessedMessages processed, OrderLifecycle lifecycle, StockCounters counters,
			TransactionTemplate transactions) {
		this.events = events;
		this.processed = processed;
		this.lifecycle = lifecycle;
		this.counters = counters;
		this.transactions = transactions;
	}

	@KafkaListener(id = CONSUMER, topics = Topics.PAYMENTS, containerFactory = PaymentsConfiguration.FACTORY)
	void on(ConsumerRecord<String, String> record) {
		EventEnvelope<PaymentSucceeded> event = read(record);
		if (event == null) {
			return;
		}
		PaymentOutcome outcome = this.transactions.execute((status) -> {
			if (this.processed.markProcessed(CONSUMER, event.eventId().toString()) == 0) {
				return PaymentOutcome.KEPT;
			}
			PaymentOutcome result = this.lifecycle.pay(event.payload());
			if (result == PaymentOutcome.NO_ORDER) {
				// Roll back the processed-message record: the record is retried or
				// dead-lettered, never marked done.
				status.setRollbackOnly();
			}
			return result;
		});
		if (outcome == PaymentOutcome.NO_ORDER) {
			throw noOrder(event.payload());
		}
	}

	/**
	 * @return the event, or null when the record is another type
	 */
	private EventEnvelope<PaymentSucceeded> read(ConsumerRecord<String, String> record) {
		return this.events.readIf(record, PaymentSucceeded.class)
			.map((event) -> this.events.validate(record, event, PaymentListener::valid,
					"PaymentSucceeded needs a payment id, an order id this service issues and a positive amount"))
			.orElse(null);
	}

	private static boolean valid(PaymentSucceeded payment) {
		return payment.paymentId() != null && !payment.paymentId().isBlank() && payment.paymentId().length() <= 64
				&& OrderIds.flashSaleOf(payment.orderId()).isPresent() && payment.amountCents() > 0;
	}

	/**
	 * No order row: if its reservation still holds stock the writer has yet to write it
	 * (only in races), so the record is retried; otherwise the order never existed.
	 */
	private RuntimeException noOrder(PaymentSucceeded payment) {
		long flashSaleId = OrderIds.flashSaleOf(payment.orderId()).getAsLong();
		boolean beingWritten = this.counters.reservation(flashSaleId, payment.orderId())
			.map(Reservation::holdsStock)
			.orElse(false);
		if (beingWritten) {
			logger.info("Payment {} is for order {} that is not written yet; retrying", payment.paymentId(),
					payment.orderId());
			return new OrderNotWrittenYet(payment.orderId());
		}
		return new PoisonMessage("unknown-order",
				"Payment " + payment.paymentId() + " is for order " + payment.orderId() + ", which does not exist");
	}

	/** Retryable: the order writer has not written the order yet. */
	static class OrderNotWrittenYet extends RuntimeException {

		OrderNotWrittenYet(String orderId) {
			super("Order " + orderId + " is not written yet");
		}

	}

}
