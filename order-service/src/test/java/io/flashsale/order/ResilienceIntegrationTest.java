package io.flashsale.order;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.flashsale.order.reconciliation.InventoryStockStub;
import io.flashsale.testsupport.IntegrationTest;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * order-service on real Redis, MariaDB and Kafka with inventory-service played by
 * {@link InventoryStockStub}: the context of the resilience tests (the inventory call's
 * breaker, time limit and bulkhead; the slow-SQL guard). Every class carrying it shares
 * one context.
 *
 * <p>
 * The inventory call: time limit 3 s (read timeout 5 s, so the time limiter is what gives
 * up), bulkhead 2, breaker open when the last 5 calls all failed.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@IntegrationTest
@Import(InventoryStockStub.StubConfiguration.class)
@TestPropertySource(properties = { "flashsale.order.inventory-read-timeout=5s",
		"resilience4j.timelimiter.instances.inventory.timeout-duration=3s",
		"resilience4j.bulkhead.instances.inventory.max-concurrent-calls=2",
		"resilience4j.bulkhead.instances.inventory.max-wait-duration=0",
		"resilience4j.circuitbreaker.instances.inventory.sliding-window-size=5",
		"resilience4j.circuitbreaker.instances.inventory.minimum-number-of-calls=5",
		"resilience4j.circuitbreaker.instances.inventory.failure-rate-threshold=100",
		"resilience4j.circuitbreaker.instances.inventory.wait-duration-in-open-state=10m" })
public @interface ResilienceIntegrationTest {

}
