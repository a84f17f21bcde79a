package io.flashsale.order.payments;

import org.apache.kafka.clients.admin.NewTopic;

import io.flashsale.contracts.Topics;
import io.flashsale.order.OrderProperties;
import io.flashsale.platform.messaging.DeadLetters;
import io.flashsale.platform.messaging.PoisonMessage;

import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The payments topic, its dead-letter topic, and the container factory of the payment
 * listener: record at a time, retried with exponential backoff, then dead-lettered with
 * the reason. A {@link PoisonMessage} skips the retries.
 */
@Configuration(proxyBeanMethods = false)
class PaymentsConfiguration {

	static final String FACTORY = "paymentsListenerFactory";

	@Bean
	NewTopic paymentsTopic() {
		return TopicBuilder.name(Topics.PAYMENTS).partitions(3).replicas(1).build();
	}

	/** The recoverer keeps the partition, so the dead-letter topic has as many. */
	@Bean
	NewTopic paymentsDeadLetterTopic() {
		return TopicBuilder.name(Topics.deadLetter(Topics.PAYMENTS)).partitions(3).replicas(1).build();
	}

	@Bean(FACTORY)
	ConcurrentKafkaListenerContainerFactory<Object, Object> paymentsListenerFactory(
			ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers,
			DeadLetters deadLetters, OrderProperties properties) {
		ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
		configurer.configure(factory, consumers);
		factory.setBatchListener(false);
		ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
		backOff.setMaxInterval(5_000);
		backOff.setMaxElapsedTime(properties.paymentRetryFor().toMillis());
		factory.setCommonErrorHandler(deadLetters.errorHandler(backOff));
		return factory;
	}

}
