package io.flashsale.platform.resilience;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link ResilientCalls} for services with Resilience4j's Boot 4 integration
 * ({@code io.github.resilience4j:resilience4j-spring-boot4}), on its registries.
 */
@AutoConfiguration(
		afterName = { "io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration",
				"io.github.resilience4j.springboot.bulkhead.autoconfigure.BulkheadAutoConfiguration",
				"io.github.resilience4j.springboot.timelimiter.autoconfigure.TimeLimiterAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(
		name = "io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration")
@ConditionalOnBean({ CircuitBreakerRegistry.class, BulkheadRegistry.class, TimeLimiterRegistry.class })
public class ResilienceAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	ResilientCalls resilientCalls(CircuitBreakerRegistry breakers, BulkheadRegistry bulkheads,
			TimeLimiterRegistry limiters, ObjectProvider<MeterRegistry> meters) {
		return new ResilientCalls(breakers, bulkheads, limiters, meters.getIfAvailable(() -> Metrics.globalRegistry));
	}

}
