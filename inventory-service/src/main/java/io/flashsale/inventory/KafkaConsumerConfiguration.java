package io.flashsale.inventory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import io.flashsale.platform.messaging.DeadLetters;
import io.flashsale.platform.messaging.PoisonMessage;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * How the listeners of this service fail. A record that can never be applied is
 * dead-lettered: record listeners throw {@link PoisonMessage}, which is not retried, and
 * the batch listener sends its poison records itself and goes on. What else reaches this
 * handler is a failure to apply a valid record: the database or Redis is away, a
 * deadlock, a timeout. Those are retried with exponential backoff and no attempt limit,
 * because skipping a placed or cancelled order would leave the stock wrong; a stuck
 * partition shows as consumer lag. Only exceptions classified as never retryable reach
 * the recoverer, which sends the record to {@code <topic>.DLT} with the reason.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConsumerConfiguration {

	@Bean
	DefaultErrorHandler kafkaErrorHandler(InventoryProperties properties, DeadLetters deadLetters,
			MeterRegistry meters) {
		InventoryProperties.Retry retry = properties.retry();
		ExponentialBackOff backOff = new ExponentialBackOff(retry.initialInterval().toMillis(), retry.multiplier());
		backOff.setMaxInterval(retry.maxInterval().toMillis());
		Counter failed = Counter.builder("flashsale.inventory.messages.failed")
			.description("Records the error handler gave up on and dead-lettered")
			.register(meters);
		ConsumerRecordRecoverer deadLetter = deadLetters.recoverer();
		DefaultErrorHandler handler = new DefaultErrorHandler((record, ex) -> {
			deadLetter.accept(record, ex);
			failed.increment();
		}, backOff);
		handler.addNotRetryableExceptions(PoisonMessage.class);
		return handler;
	}

}
