package io.flashsale.order.writer;

import org.apache.kafka.clients.admin.NewTopic;

import io.flashsale.contracts.Topics;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Topics order-service produces or reads, declared up front (auto-creation stalls the
 * first send), and the listeners' retry policy.
 */
@Configuration(proxyBeanMethods = false)
class WriterConfiguration {

	@Bean
	NewTopic orderReservationsTopic() {
		return TopicBuilder.name(Topics.ORDER_RESERVATIONS).partitions(3).replicas(1).build();
	}

	/**
	 * Unreadable reservation records, with the reason; as many partitions as the topic.
	 */
	@Bean
	NewTopic orderReservationsDeadLetterTopic() {
		return TopicBuilder.name(Topics.deadLetter(Topics.ORDER_RESERVATIONS)).partitions(3).replicas(1).build();
	}

	@Bean
	NewTopic ordersTopic() {
		return TopicBuilder.name(Topics.ORDERS).partitions(3).replicas(1).build();
	}

	@Bean
	NewTopic flashSalesTopic() {
		return TopicBuilder.name(Topics.FLASH_SALES).partitions(3).replicas(1).compact().build();
	}

	/**
	 * A failed batch (database or Kafka briefly down) is retried with backoff and never
	 * skipped: skipping would leave reserved stock without an order. Unreadable records
	 * are dead-lettered by the listener itself, so they cannot block the partition.
	 */
	@Bean
	CommonErrorHandler listenerErrorHandler() {
		ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
		backOff.setMaxInterval(10_000);
		return new DefaultErrorHandler(backOff);
	}

}
