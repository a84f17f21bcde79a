package io.flashsale.configserver.switches;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.flashsale.platform.degrade.SwitchType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SwitchDefinitionTests {

	final SwitchDefinition flag = new SwitchDefinition("flag", SwitchType.BOOLEAN, List.of(), null, "", List.of("a"),
			false, false);

	final SwitchDefinition number = new SwitchDefinition("number", SwitchType.NUMBER, List.of(), 1L, "", List.of("a"),
			false, 200L);

	final SwitchDefinition grade = new SwitchDefinition("grade", SwitchType.ENUM, List.of("none", "non-core"), null, "",
			List.of("a"), false, "none");

	final SwitchDefinition timeout = new SwitchDefinition("timeout", SwitchType.DURATION, List.of(), null, "",
			List.of("a"), true, "500ms");

	@Test
	void acceptsValuesAndTheirTextInTheStoredForm() {
		assertThat(this.flag.normalize(true)).isEqualTo(true);
		assertThat(this.flag.normalize("FALSE")).isEqualTo(false);
		assertThat(this.number.normalize(250)).isEqualTo(250L);
		assertThat(this.number.normalize("250")).isEqualTo(250L);
		assertThat(this.grade.normalize("non-core")).isEqualTo("non-core");
		assertThat(this.timeout.normalize("2s")).isEqualTo("2s");
	}

	@Test
	void refusesValuesOfTheWrongTypeOrOutOfRange() {
		for (Object wrong : new Object[] { "yes", 1, null, List.of(true) }) {
			assertThatThrownBy(() -> this.flag.normalize(wrong)).isInstanceOf(InvalidSwitchValue.class);
		}
		for (Object wrong : new Object[] { 0, "-5", 2.5, "fast", true }) {
			assertThatThrownBy(() -> this.number.normalize(wrong)).isInstanceOf(InvalidSwitchValue.class);
		}
		assertThatThrownBy(() -> this.grade.normalize("important")).isInstanceOf(InvalidSwitchValue.class)
			.hasMessage("grade takes one of none, non-core, not 'important'");
		assertThatThrownBy(() -> this.timeout.normalize("soon")).isInstanceOf(InvalidSwitchValue.class);
		assertThatThrownBy(() -> this.timeout.normalize(500)).isInstanceOf(InvalidSwitchValue.class);
	}

}
