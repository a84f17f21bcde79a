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
 * Republishing runs every second and inventory-service calls time out after one second,
 * so tests see both within their polling limits.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@IntegrationTest
@Import(InventoryStub.StubConfiguration.class)
@TestPropertySource(
		properties = { "flashsale.marketing.republish.interval=1s", "flashsale.marketing.inventory-read-timeout=1s" })
public @interface MarketingIntegrationTest {

}
