package io.flashsale.inventory;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.flashsale.testsupport.IntegrationTest;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link IntegrationTest} with this module's test settings. Every test class of the
 * module uses it, so they all share one application context (and one dev stack).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@IntegrationTest
@TestPropertySource(properties = "flashsale.inventory.warm-up.interval=250ms")
public @interface InventoryIntegrationTest {

}
