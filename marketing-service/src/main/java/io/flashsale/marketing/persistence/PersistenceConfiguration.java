package io.flashsale.marketing.persistence;

import java.time.Instant;

import org.mybatis.spring.boot.autoconfigure.ConfigurationCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Replaces MyBatis' zone-dependent {@link Instant} mapping with
 * {@link UtcInstantTypeHandler} for every mapper of the service.
 */
@Configuration(proxyBeanMethods = false)
class PersistenceConfiguration {

	@Bean
	ConfigurationCustomizer utcInstants() {
		return (configuration) -> configuration.getTypeHandlerRegistry()
			.register(Instant.class, new UtcInstantTypeHandler());
	}

}
