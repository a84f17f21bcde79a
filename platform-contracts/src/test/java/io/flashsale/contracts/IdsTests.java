package io.flashsale.contracts;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdsTests {

	@Test
	void makesVersionFourUuidsThatDoNotRepeat() {
		Set<UUID> seen = new HashSet<>();
		for (int i = 0; i < 100_000; i++) {
			UUID id = Ids.randomUuid();
			assertThat(id.version()).isEqualTo(4);
			assertThat(id.variant()).isEqualTo(2);
			assertThat(seen.add(id)).isTrue();
		}
	}

	@Test
	void writesThirtyTwoLowercaseHexDigits() {
		for (int i = 0; i < 10_000; i++) {
			assertThat(Ids.randomHex()).matches("[0-9a-f]{32}");
		}
	}

}
