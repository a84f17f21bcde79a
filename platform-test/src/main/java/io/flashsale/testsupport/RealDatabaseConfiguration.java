package io.flashsale.testsupport;

import org.testcontainers.mariadb.MariaDBContainer;

import io.flashsale.devstack.DevStack;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * The real MariaDB alone, for a persistence slice ({@code @MybatisTest} with
 * {@code @AutoConfigureTestDatabase(replace = NONE)}): the service's schema as its own
 * user, in the dev stack or a Testcontainer as {@link RealServers} decides. Part of
 * {@link RealServersConfiguration} too, so slice and integration tests meet the same
 * database.
 */
@TestConfiguration(proxyBeanMethods = false)
public class RealDatabaseConfiguration {

	@Configuration(proxyBeanMethods = false)
	@Conditional(RealServersConfiguration.OnDevStack.class)
	static class DevStackDatabase {

		/**
		 * The service's schema and its own user, which may use no other schema. The user
		 * the service names ({@code flashsale.db.username}, what it uses under
		 * {@code ./flashsale up}) must be the one the dev stack created, or the service
		 * would not connect outside tests.
		 */
		@Bean
		DynamicPropertyRegistrar devStackDatabaseProperties(Environment environment) {
			DevStack stack = RealServers.devStack();
			return (registry) -> {
				String schema = environment.getProperty("flashsale.db.schema");
				if (schema != null) {
					String user = stack.databaseUser(schema);
					String named = environment.getProperty("flashsale.db.username", user);
					if (!named.equals(user)) {
						throw new IllegalStateException("flashsale.db.username is " + named
								+ ", but the dev stack's user of schema " + schema + " is " + user);
					}
					registry.add("spring.datasource.url", () -> stack.jdbcUrl(schema));
					registry.add("spring.datasource.username", () -> user);
					registry.add("spring.datasource.password", () -> stack.databasePassword(schema));
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(RealServersConfiguration.OnDocker.class)
	static class DatabaseContainer {

		@Bean
		@ServiceConnection
		MariaDBContainer mariadb(Environment environment) {
			// The image grants its user all privileges on this one database and nothing
			// else, as the dev stack grants a service's user its own schema.
			return new MariaDBContainer("mariadb:11.4")
				.withDatabaseName(environment.getProperty("flashsale.db.schema", "flashsale"))
				.withUsername(environment.getProperty("flashsale.db.username", "test"));
		}

	}

}
