package io.flashsale.configserver;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;

import io.flashsale.testsupport.IntegrationTest;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

/**
 * The config server serving this repository's config-repo/, on real Kafka, with a clock
 * the tests move. Every test class uses exactly this, so they share one context (and one
 * state folder, so each test works from the version it finds).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@IntegrationTest
@Import(ConfigServerTest.TestClock.class)
@TestPropertySource(properties = { "spring.cloud.config.server.native.search-locations=file:../config-repo/",
		"flashsale.config.state-dir=target/config-state", "flashsale.config.scheduler-tick=200ms" })
public @interface ConfigServerTest {

	@TestConfiguration(proxyBeanMethods = false)
	class TestClock {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock(Instant.parse("2026-11-11T15:00:00Z"));
		}

	}

}
