package io.flashsale.payment;

import org.apache.kafka.clients.admin.NewTopic;

import io.flashsale.contracts.Topics;
import io.flashsale.contracts.payment.PaymentRefunded;
import io.flashsale.contracts.payment.PaymentSucceeded;
import io.flashsale.platform.messaging.DeadLetters;
import io.flashsale.platform.messaging.OutboxRoute;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

/**
 * The topics this service writes and reads, declared up front (auto-creation stalls the
 * first send), how its events leave through the outbox (keyed by order id, so an order's
 * payment events stay in order), and how its listeners fail.
 */
@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

	@Bean
	NewTopic paymentsTopic() {
		return TopicBuilder.name(Topics.PAYMENTS).partitions(3).replicas(1).build();
	}

	@Bean
	NewTopic ordersTopic() {
		return TopicBuilder.name(Topics.ORDERS).partitions(3).replicas(1).build();
	}

	@Bean
	NewTopic ordersDeadLetterTopic() {
		return TopicBuilder.name(Topics.deadLetter(Topics.ORDERS)).partitions(3).replicas(1).build();
	}

	@Bean
	OutboxRoute<PaymentSucceeded> paymentSucceededRoute() {
		// Keyed by order (one order's payments stay in order), identified by payment: two
		// payments of one order are two events even within one millisecond.
		return OutboxRoute.of(PaymentSucceeded.class, Topics.PAYMENTS, PaymentSucceeded::orderId,
				PaymentSucceeded::succeededAt, PaymentSucceeded::paymentId);
	}

	@Bean
	OutboxRoute<PaymentRefunded> paymentRefundedRoute() {
		return OutboxRoute.of(PaymentRefunded.class, Topics.PAYMENTS, PaymentRefunded::orderId,
				PaymentRefunded::refundedAt, PaymentRefunded::paymentId);
	}

	/**
	 * A record that fails for a passing reason (database, Redis or a channel briefly
	 * away) is retried with backoff, then dead-lettered with the reason; a poison record
	 * goes to the dead-letter topic at once. Refunds left REFUNDING by a down channel are
	 * not failures here: the refund retry job owns them.
	 */
	@Bean
	DefaultErrorHandler kafkaErrorHandler(DeadLetters deadLetters) {
		ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(8);
		backOff.setInitialInterval(200);
		backOff.setMultiplier(2.0);
		backOff.setMaxInterval(10_000);
		return deadLetters.errorHandler(backOff);
	}

}
