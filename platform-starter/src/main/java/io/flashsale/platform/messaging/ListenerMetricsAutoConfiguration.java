package io.flashsale.platform.messaging;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * Kafka listeners are timed by their observations ({@code spring.kafka.listener}, with
 * messaging tags; observation is on in the platform defaults). The older Micrometer
 * timers a batch listener adds under the same name carry other tag keys, which Prometheus
 * refuses, dropping the observation's timer; so they are off in every service.
 */
@AutoConfiguration
@ConditionalOnClass(ConcurrentMessageListenerContainer.class)
public class ListenerMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(ContainerCustomizer.class)
	ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> observedListenersOnly() {
		return (container) -> container.getContainerProperties().setMicrometerEnabled(false);
	}

}
