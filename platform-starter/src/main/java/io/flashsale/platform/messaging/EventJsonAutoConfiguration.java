package io.flashsale.platform.messaging;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One {@link EventJson} per service, with its own mapper: what goes over Kafka must not
 * change when a service tunes the JSON of its HTTP API. Services with Kafka also get the
 * {@link EventReader} their listeners read records with.
 */
@AutoConfiguration
@ConditionalOnClass(JsonMapper.class)
public class EventJsonAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EventJson eventJson() {
		return new EventJson(JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.apache.kafka.clients.consumer.ConsumerRecord")
	static class EventReaderConfiguration {

		@Bean
		@ConditionalOnMissingBean
		EventReader eventReader(EventJson eventJson) {
			return new EventReader(eventJson);
		}

	}

}
