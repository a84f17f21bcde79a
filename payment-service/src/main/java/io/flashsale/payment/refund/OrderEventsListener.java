package io.flashsale.payment.refund;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.flashsale.contracts.EventEnvelope;
import io.flashsale.contracts.Topics;
import io.flashsale.contracts.order.OrderCancelled;
import io.flashsale.contracts.order.PaymentRejected;
import io.flashsale.platform.messaging.EventReader;
import io.flashsale.platform.messaging.PoisonMessage;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads order events: {@code PaymentRejected} refunds the payment, {@code OrderCancelled}
 * closes the order's open payments; other types are skipped. Both are idempotent by event
 * id. An unreadable or invalid record is a {@link PoisonMessage} and goes to the
 * dead-letter topic at once; any other failure is retried with backoff, then
 * dead-lettered.
 */
@Component
class OrderEventsListener {

	private static final String REJECTED = PaymentRejected.class.getSimpleName();

	private static final String CANCELLED = OrderCancelled.class.getSimpleName();

	private final EventReader events;

	private final Refunds refunds;

	OrderEventsListener(EventReader events, Refunds refunds) {
		this.events = events;
		this.refunds = refunds;
	}

	@KafkaListener(id = "payment.orders", groupId = Refunds.CONSUMER, topics = Topics.ORDERS)
	void onOrderEvent(ConsumerRecord<String, String> record) {
		String type = this.events.type(record);
		if (REJECTED.equals(type)) {
			EventEnvelope<PaymentRejected> event = this.events.validate(record,
					this.events.read(record, PaymentRejected.class), OrderEventsListener::isValid,
					"invalid-payment-rejected", "PaymentRejected needs a payment id and a reason");
			this.refunds.refundRejected(event.eventId().toString(), event.payload().paymentId(),
					event.payload().reason());
		}
		else if (CANCELLED.equals(type)) {
			EventEnvelope<OrderCancelled> event = this.events.validate(record,
					this.events.read(record, OrderCancelled.class), OrderEventsListener::isValid,
					"invalid-order-cancelled", "OrderCancelled needs an order id");
			this.refunds.closeForCancelledOrder(event.eventId().toString(), event.payload().orderId());
		}
	}

	private static boolean isValid(PaymentRejected rejected) {
		return rejected.paymentId() != null && !rejected.paymentId().isBlank() && rejected.reason() != null;
	}

	private static boolean isValid(OrderCancelled cancelled) {
		return cancelled.orderId() != null && !cancelled.orderId().isBlank();
	}

}
