package io.flashsale.payment;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.flashsale.testsupport.IntegrationTest;

import org.springframework.context.annotation.Import;

/**
 * payment-service on real Redis, MariaDB and Kafka, with order-service played by
 * {@link OrderStub}, the events it publishes recorded by {@link PaymentEvents} and the
 * callback check's clock movable by {@link TestClock}. Every integration test class of
 * the module carries exactly this, so they all share one Spring context (and one dev
 * stack). Test tunables are in {@code src/test/resources/config/application.yml}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@IntegrationTest
@Import({ OrderStub.StubConfiguration.class, PaymentEvents.class, TestClock.class })
public @interface PaymentIntegrationTest {

}
