package io.flashsale.platform.messaging;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * One {@link EventJson} per service, with its own mapper: what goes over Kafka must not
 * change when a service tunes the JSON of its HTTP API.
 */
@AutoConfiguration
@ConditionalOnClass(JsonMapper.class)
public class EventJsonAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EventJson eventJson() {
		return new EventJson(JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build());
	}

}
