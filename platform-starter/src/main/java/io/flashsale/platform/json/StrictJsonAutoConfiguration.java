package io.flashsale.platform.json;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Makes the application's {@link JsonMapper} {@link StrictJson strict}. Spring MVC and
 * WebFlux read request bodies with it, so every servlet and reactive service refuses a
 * value of the wrong JSON type (answered 400 by the problem advice, naming the field).
 * Kafka events are read by {@code EventJson}'s own mapper and keep their tolerance.
 */
@AutoConfiguration(before = JacksonAutoConfiguration.class)
@ConditionalOnClass({ JsonMapper.class, JsonMapperBuilderCustomizer.class })
public class StrictJsonAutoConfiguration {

	@Bean
	JsonMapperBuilderCustomizer strictJson() {
		return StrictJson::strict;
	}

}
