package io.flashsale.platform.messaging;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.IncompleteEventPublications;

/**
 * The outbox relay ({@link OutboxResubmitter}). Ordered after Spring Modulith's event
 * publication registry, whose multicaster is the bean it needs: declared beside
 * {@link OutboxAutoConfiguration}, which must run before the externalization, the
 * condition was evaluated before that bean existed and the relay was silently absent.
 */
@AutoConfiguration(afterName = "org.springframework.modulith.events.config.EventPublicationAutoConfiguration")
@ConditionalOnBean({ IncompleteEventPublications.class, FailedEventPublications.class })
public class OutboxRelayAutoConfiguration {

	@Bean
	OutboxResubmitter outboxResubmitter(IncompleteEventPublications incomplete, FailedEventPublications failed,
			@Value("${flashsale.outbox.resubmit-interval:30s}") Duration interval,
			@Value("${flashsale.outbox.resubmit-older-than:30s}") Duration olderThan) {
		return new OutboxResubmitter(incomplete, failed, interval, olderThan);
	}

}
