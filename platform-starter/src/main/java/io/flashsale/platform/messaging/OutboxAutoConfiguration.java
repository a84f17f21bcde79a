package io.flashsale.platform.messaging;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.modulith.events.EventExternalizationConfiguration;

/**
 * The transactional outbox for services that add Spring Modulith's JDBC event registry
 * and Kafka externalization: {@link Outbox} to publish, {@link OutboxRoute} beans to
 * route. The relay for what was not sent is {@link OutboxRelayAutoConfiguration}.
 */
@AutoConfiguration(beforeName = "org.springframework.modulith.events.config.EventExternalizationAutoConfiguration",
		after = EventJsonAutoConfiguration.class)
@ConditionalOnClass(value = { EventExternalizationConfiguration.class, KafkaTemplate.class },
		name = "org.springframework.modulith.events.core.EventPublicationRegistry")
public class OutboxAutoConfiguration {

	@Bean
	OutboxRoutes outboxRoutes(ObjectProvider<OutboxRoute<?>> routes, EventJson json) {
		List<OutboxRoute<?>> declared = routes.orderedStream().toList();
		return new OutboxRoutes(declared, json);
	}

	@Bean
	Outbox outbox(ApplicationEventPublisher publisher, OutboxRoutes routes) {
		return new Outbox(publisher, routes);
	}

}
