package io.flashsale.testsupport;

import java.time.Duration;

import com.redis.testcontainers.RedisContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mariadb.MariaDBContainer;

import io.flashsale.devstack.DevStack;
import io.flashsale.platform.security.JwtProperties;
import io.flashsale.platform.security.LocalTokens;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Real Redis, MariaDB and Kafka for {@link IntegrationTest}, plus tokens the service
 * accepts.
 */
@TestConfiguration(proxyBeanMethods = false)
public class RealServersConfiguration {

	@Bean
	LocalTokens testTokens(JwtProperties properties) {
		return new LocalTokens(properties, Duration.ofMinutes(30));
	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(OnDevStack.class)
	static class DevStackServers {

		@Bean
		DynamicPropertyRegistrar devStackProperties(Environment environment) {
			DevStack stack = RealServers.devStack();
			return (registry) -> {
				registry.add("spring.data.redis.host", stack::redisHost);
				registry.add("spring.data.redis.port", stack::redisPort);
				registry.add("spring.kafka.bootstrap-servers", stack::kafkaBootstrapServers);
				String schema = environment.getProperty("flashsale.db.schema");
				if (schema != null) {
					registry.add("spring.datasource.url", () -> stack.jdbcUrl(schema));
					registry.add("spring.datasource.username", stack::username);
					registry.add("spring.datasource.password", stack::password);
				}
			};
		}

		@Bean
		RedisOutage redisOutage() {
			DevStack stack = RealServers.devStack();
			return new RedisOutage() {
				@Override
				public void stop() {
					stack.stopRedis();
				}

				@Override
				public void start() {
					stack.startRedis();
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(OnDocker.class)
	static class Containers {

		@Bean
		@ServiceConnection
		MariaDBContainer mariadb(Environment environment) {
			return new MariaDBContainer("mariadb:11.4")
				.withDatabaseName(environment.getProperty("flashsale.db.schema", "flashsale"));
		}

		@Bean
		@ServiceConnection
		RedisContainer redis() {
			return new RedisContainer("redis:7.4");
		}

		@Bean
		@ServiceConnection
		KafkaContainer kafka() {
			return new KafkaContainer("apache/kafka-native:4.1.1");
		}

		@Bean
		RedisOutage redisOutage(RedisContainer redis) {
			return new RedisOutage() {
				@Override
				public void stop() {
					redis.getDockerClient().pauseContainerCmd(redis.getContainerId()).exec();
				}

				@Override
				public void start() {
					redis.getDockerClient().unpauseContainerCmd(redis.getContainerId()).exec();
				}
			};
		}

	}

	static class OnDocker implements org.springframework.context.annotation.Condition {

		@Override
		public boolean matches(org.springframework.context.annotation.ConditionContext context,
				org.springframework.core.type.AnnotatedTypeMetadata metadata) {
			return RealServers.useDocker();
		}

	}

	static class OnDevStack implements org.springframework.context.annotation.Condition {

		@Override
		public boolean matches(org.springframework.context.annotation.ConditionContext context,
				org.springframework.core.type.AnnotatedTypeMetadata metadata) {
			return !RealServers.useDocker();
		}

	}

}
