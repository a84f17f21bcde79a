package io.flashsale.devstack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DevStackSettingsTests {

	@Test
	void defaultsUseTheWellKnownPortsAndTheFourServiceSchemas() {
		DevStackSettings settings = DevStackSettings.defaults(Path.of("state"));
		assertThat(settings.stateDir()).isEqualTo(Path.of("state").toAbsolutePath());
		assertThat(settings.host()).isEqualTo("127.0.0.1");
		assertThat(List.of(settings.redisPort(), settings.mariadbPort(), settings.kafkaPort(),
				settings.kafkaControllerPort()))
			.containsExactly(16379, 13306, 19092, 19093);
		assertThat(settings.schemas()).containsExactly("orders", "payments", "marketing", "inventory");
		assertThat(settings.ephemeral()).isFalse();
	}

	@Test
	void eachServiceSchemaHasTheUserOfItsService() {
		DevStackSettings settings = DevStackSettings.defaults(Path.of("state"));
		assertThat(settings.schemas().stream().map(settings::databaseUser)).containsExactly("order_service",
				"payment_service", "marketing_service", "inventory_service");
		DevStackSettings other = new DevStackSettings(Path.of("state"), "127.0.0.1", 1, 2, 3, 4, List.of("audit"),
				false);
		assertThat(other.databaseUser("audit")).isEqualTo("audit_user");
		assertThatIllegalArgumentException().isThrownBy(() -> settings.databaseUser("audit"));
	}

	@Test
	void ephemeralUsesDistinctFreePorts() {
		DevStackSettings settings = DevStackSettings.ephemeral(Path.of("state"));
		assertThat(settings.ephemeral()).isTrue();
		assertThat(List.of(settings.redisPort(), settings.mariadbPort(), settings.kafkaPort(),
				settings.kafkaControllerPort()))
			.doesNotHaveDuplicates()
			.allSatisfy((port) -> assertThat(Ports.isFree(settings.host(), port)).isTrue());
	}

	@Test
	void environmentOverridesSomePorts() {
		DevStackSettings settings = DevStackSettings.fromEnvironment(Path.of("state"), Map.of("FLASHSALE_DB_PORT",
				" 23306 ", "FLASHSALE_KAFKA_CONTROLLER_PORT", "29093", "FLASHSALE_REDIS_PORT", ""));
		assertThat(List.of(settings.redisPort(), settings.mariadbPort(), settings.kafkaPort(),
				settings.kafkaControllerPort()))
			.containsExactly(16379, 23306, 19092, 29093);
	}

	@Test
	void environmentValueMustBeAPortNumber() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DevStackSettings.fromEnvironment(Path.of("state"), Map.of("FLASHSALE_KAFKA_PORT", "x")))
			.withMessageContaining("FLASHSALE_KAFKA_PORT");
	}

	@Test
	void portsMustBeDistinctAndSchemaNamesPlain() {
		Path state = Path.of("state");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DevStackSettings(state, "127.0.0.1", 1, 2, 3, 1, List.of(), false))
			.withMessageContaining("Port 1");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DevStackSettings(state, "127.0.0.1", 1, 2, 3, 4, List.of("a`; drop"), false))
			.withMessageContaining("a`; drop");
	}

}
