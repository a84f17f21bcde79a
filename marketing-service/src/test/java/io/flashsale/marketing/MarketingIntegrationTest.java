package io.flashsale.marketing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.flashsale.testsupport.IntegrationTest;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * marketing-service on real Redis, MariaDB and Kafka, calling an {@link InventoryStub}.
 * Every integration test class of the module carries exactly this, so they all share one
 * Spring context (and one dev stack).
 *
 * <p>
 * Republishing runs every second, so tests see it within their polling limits. The
 * inventory call's time limit is 3 s (the read timeout 5 s, so the time limiter is what
 * gives up), its bulkhead takes 2 calls and its breaker opens when the last 5 calls all
 * failed, which only the breaker's own test does on purpose.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@IntegrationTest
@Import(InventoryStub.StubConfiguration.class)
@TestPropertySource(
		properties = { "flashsale.marketing.republish.interval=1s", "flashsale.marketing.inventory-read-timeout=5s",
				"resilience4j.timelimiter.instances.inventory.timeout-duration=3s",
				"resilience4j.bulkhead.instances.inventory.max-concurrent-calls=2",
				"resilience4j.bulkhead.instances.inventory.max-wait-duration=0",
				"resilience4j.circuitbreaker.instances.inventory.sliding-window-size=5",
				"resilience4j.circuitbreaker.instances.inventory.minimum-number-of-calls=5",
				"resilience4j.circuitbreaker.instances.inventory.failure-rate-threshold=100",
				"resilience4j.circuitbreaker.instances.inventory.wait-duration-in-open-state=10m" })
public @interface MarketingIntegrationTest {

}
