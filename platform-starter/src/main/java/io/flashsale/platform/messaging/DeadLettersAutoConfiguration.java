package io.flashsale.platform.messaging;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;

import io.flashsale.contracts.Topics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * {@link DeadLetters} for every service that uses Kafka, and the depth gauge of the
 * dead-letter topics it declares as {@link NewTopic} beans.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass({ KafkaTemplate.class, MeterRegistry.class })
@ConditionalOnBean(KafkaTemplate.class)
public class DeadLettersAutoConfiguration {

	@Bean
	@SuppressWarnings("unchecked")
	DeadLetters deadLetters(KafkaTemplate<?, ?> kafka, MeterRegistry meters) {
		return new DeadLetters((KafkaTemplate<String, String>) kafka, meters);
	}

	@Bean
	@ConditionalOnBean(KafkaAdmin.class)
	DeadLetterDepth deadLetterDepth(KafkaAdmin admin, ObjectProvider<NewTopic> topics, MeterRegistry meters,
			@Value("${flashsale.kafka.dead-letter-depth-interval:15s}") Duration interval) {
		List<String> deadLetterTopics = topics.orderedStream()
			.map(NewTopic::name)
			.filter((name) -> name.endsWith(Topics.DEAD_LETTER_SUFFIX))
			.toList();
		return new DeadLetterDepth(admin, deadLetterTopics, interval, meters);
	}

}
