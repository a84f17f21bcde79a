package io.flashsale.testsupport;

import java.time.Duration;

import com.redis.testcontainers.RedisContainer;
import org.testcontainers.containers.GenericContainer;
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
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Real Redis, MariaDB and Kafka for {@link IntegrationTest}, plus tokens the service
 * accepts. The database is {@link RealDatabaseConfiguration}'s.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(RealDatabaseConfiguration.class)
public class RealServersConfiguration {

	@Bean
	LocalTokens testTokens(JwtProperties properties) {
		return new LocalTokens(properties, Duration.ofMinutes(30));
	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(OnDevStack.class)
	static class DevStackServers {

		@Bean
		DynamicPropertyRegistrar devStackProperties() {
			DevStack stack = RealServers.devStack();
			return (registry) -> {
				registry.add("spring.data.redis.host", stack::redisHost);
				registry.add("spring.data.redis.port", stack::redisPort);
				registry.add("spring.kafka.bootstrap-servers", stack::kafkaBootstrapServers);
			};
		}

		@Bean
		Outages outages() {
			DevStack stack = RealServers.devStack();
			return new Outages() {
				@Override
				public void stop(Server server) {
					stack.stop(server.devStackName());
				}

				@Override
				public void kill(Server server) {
					stack.kill(server.devStackName());
				}

				@Override
				public void start(Server server) {
					stack.start(server.devStackName());
				}

				@Override
				public void freeze(Server server) {
					stack.freeze(server.devStackName());
				}

				@Override
				public void thaw(Server server) {
					stack.thaw(server.devStackName());
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(OnDocker.class)
	static class Containers {

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
		Outages outages(RedisContainer redis, MariaDBContainer mariadb, KafkaContainer kafka) {
			return new Outages() {
				@Override
				public void stop(Server server) {
					GenericContainer<?> container = container(server);
					container.getDockerClient().pauseContainerCmd(container.getContainerId()).exec();
				}

				@Override
				public void kill(Server server) {
					stop(server);
				}

				@Override
				public void freeze(Server server) {
					stop(server);
				}

				@Override
				public void thaw(Server server) {
					start(server);
				}

				@Override
				public void start(Server server) {
					GenericContainer<?> container = container(server);
					if (Boolean.TRUE.equals(container.getDockerClient()
						.inspectContainerCmd(container.getContainerId())
						.exec()
						.getState()
						.getPaused())) {
						container.getDockerClient().unpauseContainerCmd(container.getContainerId()).exec();
					}
				}

				private GenericContainer<?> container(Server server) {
					return switch (server) {
						case REDIS -> redis;
						case MARIADB -> mariadb;
						case KAFKA -> kafka;
					};
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
