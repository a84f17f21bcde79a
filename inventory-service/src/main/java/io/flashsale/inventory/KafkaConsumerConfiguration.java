package io.flashsale.inventory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * How the listeners of this service fail. Unparseable records are handled by the
 * listeners themselves (counted and skipped), so what reaches this handler is a failure
 * to apply a valid record: the database or Redis is away, a deadlock, a timeout. Those
 * are retried with exponential backoff and no attempt limit, because skipping a placed
 * order would leave the database stock too high; a stuck partition shows as consumer lag.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConsumerConfiguration {

	private static final Logger log = LoggerFactory.getLogger(KafkaConsumerConfiguration.class);

	@Bean
	DefaultErrorHandler kafkaErrorHandler(InventoryProperties properties, MeterRegistry meters) {
		InventoryProperties.Retry retry = properties.retry();
		ExponentialBackOff backOff = new ExponentialBackOff(retry.initialInterval().toMillis(), retry.multiplier());
		backOff.setMaxInterval(retry.maxInterval().toMillis());
		// Only exceptions the handler classifies as never retryable (for example a
		// listener that cannot be invoked) get here; they are logged and counted.
		Counter failed = Counter.builder("flashsale.inventory.messages.failed")
			.description("Records skipped after a non-retryable failure")
			.register(meters);
		return new DefaultErrorHandler((record, ex) -> {
			failed.increment();
			log.error("Skipping record {}-{}@{} after a non-retryable failure", record.topic(), record.partition(),
					record.offset(), ex);
		}, backOff);
	}

}
