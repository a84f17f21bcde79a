package io.flashsale.order.orders;

import io.flashsale.contracts.Topics;
import io.flashsale.contracts.order.OrderCancelled;
import io.flashsale.contracts.order.OrderPaid;
import io.flashsale.contracts.order.OrderPlaced;
import io.flashsale.contracts.order.PaymentRejected;
import io.flashsale.platform.messaging.OutboxRoute;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The events order-service publishes through the outbox, all on the orders topic keyed by
 * order id. The envelope's event id derives from type, key and occurred-at, so each
 * occurred-at below is a stored, never re-computed instant.
 */
@Configuration(proxyBeanMethods = false)
class OrderEventRoutes {

	/** Placed, paid and cancelled happen once per order: the order id identifies them. */
	@Bean
	OutboxRoute<OrderPlaced> orderPlacedRoute() {
		return OutboxRoute.of(OrderPlaced.class, Topics.ORDERS, OrderPlaced::orderId, OrderPlaced::placedAt,
				OrderPlaced::orderId);
	}

	@Bean
	OutboxRoute<OrderPaid> orderPaidRoute() {
		return OutboxRoute.of(OrderPaid.class, Topics.ORDERS, OrderPaid::orderId, OrderPaid::paidAt,
				OrderPaid::orderId);
	}

	@Bean
	OutboxRoute<OrderCancelled> orderCancelledRoute() {
		return OutboxRoute.of(OrderCancelled.class, Topics.ORDERS, OrderCancelled::orderId, OrderCancelled::cancelledAt,
				OrderCancelled::orderId);
	}

	@Bean
	OutboxRoute<PaymentRejected> paymentRejectedRoute() {
		// An order may refuse several payments: each refusal is identified by its
		// payment.
		return OutboxRoute.of(PaymentRejected.class, Topics.ORDERS, PaymentRejected::orderId,
				PaymentRejected::rejectedAt, PaymentRejected::paymentId);
	}

}
