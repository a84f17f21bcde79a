package io.flashsale.platform.persistence;

import java.time.Instant;

import org.apache.ibatis.session.SqlSessionFactory;
import org.mybatis.spring.boot.autoconfigure.ConfigurationCustomizer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Every MyBatis mapper of every service stores {@link Instant} as UTC wall-clock time
 * ({@link UtcInstantTypeHandler}), whatever zone the JVM runs in.
 */
@AutoConfiguration
@ConditionalOnClass({ SqlSessionFactory.class, ConfigurationCustomizer.class })
public class PersistenceAutoConfiguration {

	@Bean
	ConfigurationCustomizer utcInstants() {
		return (configuration) -> configuration.getTypeHandlerRegistry()
			.register(Instant.class, new UtcInstantTypeHandler());
	}

}
