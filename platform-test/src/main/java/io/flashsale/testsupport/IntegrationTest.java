package io.flashsale.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * A running service on a random port against real Redis, MariaDB and Kafka.
 *
 * <p>
 * With a Docker engine the servers are Testcontainers with {@code @ServiceConnection};
 * without one they are the dev stack, started once per test JVM and shared by every test
 * class in it. Nothing here is ever a mock. The {@code local} profile is active, as on
 * the local stack: the built-in secrets and the sandbox wallets exist. A test class
 * proving what happens without it declares its own {@code @ActiveProfiles}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.cloud.config.enabled=false")
@Import(RealServersConfiguration.class)
@ActiveProfiles("local")
public @interface IntegrationTest {

}
