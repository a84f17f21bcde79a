package io.flashsale.payment.refund;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.flashsale.contracts.EventEnvelope;
import io.flashsale.contracts.Topics;
import io.flashsale.contracts.order.OrderCancelled;
import io.flashsale.contracts.order.PaymentRejected;
import io.flashsale.platform.messaging.EventJson;
import io.flashsale.platform.messaging.PoisonMessage;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads order events: {@code PaymentRejected} refunds the payment, {@code OrderCancelled}
 * closes the order's open payments; other types are skipped. Both are idempotent by event
 * id. An unreadable or invalid record is poison and goes to the dead-letter topic at
 * once; any other failure is retried with backoff, then dead-lettered.
 */
@Component
class OrderEventsListener {

	private static final String REJECTED = PaymentRejected.class.getSimpleName();

	private static final String CANCELLED = OrderCancelled.class.getSimpleName();

	private final Refunds refunds;

	private final EventJson events;

	private final JsonMapper json;

	OrderEventsListener(Refunds refunds, EventJson events, JsonMapper json) {
		this.refunds = refunds;
		this.events = events;
		this.json = json;
	}

	@KafkaListener(id = "payment.orders", groupId = Refunds.CONSUMER, topics = Topics.ORDERS)
	void onOrderEvent(ConsumerRecord<String, String> record) {
		String type = typeOf(record);
		if (REJECTED.equals(type)) {
			EventEnvelope<PaymentRejected> event = read(record, PaymentRejected.class);
			PaymentRejected rejected = event.payload();
			if (rejected.paymentId() == null || rejected.paymentId().isBlank() || rejected.reason() == null) {
				throw new PoisonMessage("invalid-payment-rejected", "no payment id or reason at " + where(record));
			}
			this.refunds.refundRejected(event.eventId().toString(), rejected.paymentId(), rejected.reason());
		}
		else if (CANCELLED.equals(type)) {
			EventEnvelope<OrderCancelled> event = read(record, OrderCancelled.class);
			if (event.payload().orderId() == null || event.payload().orderId().isBlank()) {
				throw new PoisonMessage("invalid-order-cancelled", "no order id at " + where(record));
			}
			this.refunds.closeForCancelledOrder(event.eventId().toString(), event.payload().orderId());
		}
	}

	private String typeOf(ConsumerRecord<String, String> record) {
		if (record.value() == null) {
			throw new PoisonMessage("unreadable", "no value at " + where(record));
		}
		try {
			JsonNode type = this.json.readTree(record.value()).get("type");
			if (type == null || !type.isString()) {
				throw new PoisonMessage("unreadable", "no event type at " + where(record));
			}
			return type.asString();
		}
		catch (PoisonMessage ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw new PoisonMessage("unreadable", "not an event envelope at " + where(record), ex);
		}
	}

	private <T> EventEnvelope<T> read(ConsumerRecord<String, String> record, Class<T> type) {
		try {
			return this.events.read(record.value(), type);
		}
		catch (RuntimeException ex) {
			throw new PoisonMessage("unreadable", "not a " + type.getSimpleName() + " at " + where(record), ex);
		}
	}

	private static String where(ConsumerRecord<String, String> record) {
		return record.topic() + "-" + record.partition() + "@" + record.offset();
	}

}
