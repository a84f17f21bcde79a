package io.flashsale.platform.messaging;

import java.time.Duration;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.IncompleteEventPublications;

/**
 * The transactional outbox for services that add Spring Modulith's JDBC event registry
 * and Kafka externalization: {@link Outbox} to publish, {@link OutboxRoute} beans to
 * route, and the {@link OutboxResubmitter} relay for what was not sent.
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

	@Bean
	@ConditionalOnBean({ IncompleteEventPublications.class, FailedEventPublications.class })
	OutboxResubmitter outboxResubmitter(IncompleteEventPublications incomplete, FailedEventPublications failed,
			@Value("${flashsale.outbox.resubmit-interval:30s}") Duration interval,
			@Value("${flashsale.outbox.resubmit-older-than:30s}") Duration olderThan) {
		return new OutboxResubmitter(incomplete, failed, interval, olderThan);
	}

}
