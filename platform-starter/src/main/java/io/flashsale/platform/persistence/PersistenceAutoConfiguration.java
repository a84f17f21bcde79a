package io.flashsale.platform.persistence;

import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.apache.ibatis.session.SqlSessionFactory;
import org.mybatis.spring.boot.autoconfigure.ConfigurationCustomizer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Every MyBatis mapper of every service stores {@link Instant} as UTC wall-clock time
 * ({@link UtcInstantTypeHandler}), whatever zone the JVM runs in, and runs behind the
 * {@link SlowSqlGuard} (MyBatis' auto-configuration adds every {@code Interceptor} bean
 * as a plugin).
 */
@AutoConfiguration
@ConditionalOnClass({ SqlSessionFactory.class, ConfigurationCustomizer.class })
public class PersistenceAutoConfiguration {

	@Bean
	ConfigurationCustomizer utcInstants() {
		return (configuration) -> configuration.getTypeHandlerRegistry()
			.register(Instant.class, new UtcInstantTypeHandler());
	}

	@Bean
	SlowSqlGuard slowSqlGuard(Environment environment, ObjectProvider<MeterRegistry> meters) {
		return new SlowSqlGuard(environment, () -> meters.getIfAvailable(() -> Metrics.globalRegistry));
	}

	@Bean
	static RefusalUnwrapping sqlRefusalUnwrapping() {
		return new RefusalUnwrapping();
	}

}
