package io.flashsale.devstack;

import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StackPortTests {

	@Test
	void everyComponentHasItsOwnPortAndVariable() {
		assertThat(Arrays.stream(StackPort.values()).map(StackPort::defaultPort)).doesNotHaveDuplicates();
		assertThat(Arrays.stream(StackPort.values()).map(StackPort::variable)).doesNotHaveDuplicates()
			.allMatch((variable) -> variable.startsWith("FLASHSALE_") && variable.endsWith("_PORT"));
		assertThat(Supervisor.COMPONENTS)
			.allSatisfy((name) -> assertThat(StackPort.of(name).component()).isEqualTo(name));
	}

	@Test
	void theEnvironmentOverridesADefault() {
		assertThat(StackPort.GATEWAY.port(Map.of())).isEqualTo(18080);
		assertThat(StackPort.GATEWAY.port(Map.of("FLASHSALE_GATEWAY_PORT", " 28080 "))).isEqualTo(28080);
		assertThat(StackPort.GATEWAY.port(Map.of("FLASHSALE_GATEWAY_PORT", ""))).isEqualTo(18080);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StackPort.ORDER_SERVICE.port(Map.of("FLASHSALE_ORDER_PORT", "70000")))
			.withMessageContaining("FLASHSALE_ORDER_PORT");
		assertThatIllegalArgumentException().isThrownBy(() -> StackPort.of("postgres"));
	}

}
