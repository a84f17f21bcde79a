package io.flashsale.marketing.coupon;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.contracts.EventEnvelope;
import io.flashsale.contracts.Topics;
import io.flashsale.contracts.order.OrderCancelled;
import io.flashsale.platform.messaging.EventReader;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Gives back the coupons locked to a cancelled order. Idempotent without a ledger: each
 * release is a conditional UPDATE naming the order, so a redelivered
 * {@code OrderCancelled} releases nothing twice, and a coupon locked to another order
 * since is left alone. Other order events are skipped.
 */
@Component
class OrderCancellations {

	private static final Logger logger = LoggerFactory.getLogger(OrderCancellations.class);

	private final EventReader events;

	private final CouponLifecycle lifecycle;

	OrderCancellations(EventReader events, CouponLifecycle lifecycle) {
		this.events = events;
		this.lifecycle = lifecycle;
	}

	@KafkaListener(id = "marketing.coupon-releases", topics = Topics.ORDERS)
	void onOrderEvent(ConsumerRecord<String, String> record) {
		if (!OrderCancelled.class.getSimpleName().equals(this.events.type(record))) {
			return;
		}
		EventEnvelope<OrderCancelled> event = this.events.validate(record,
				this.events.read(record, OrderCancelled.class),
				(cancelled) -> cancelled.orderId() != null && !cancelled.orderId().isBlank(), "invalid-order-cancelled",
				"OrderCancelled needs an order id");
		int released = this.lifecycle.releaseAll(event.payload().orderId());
		if (released > 0) {
			logger.info("Released {} coupon(s) of cancelled order {}", released, event.payload().orderId());
		}
	}

}
