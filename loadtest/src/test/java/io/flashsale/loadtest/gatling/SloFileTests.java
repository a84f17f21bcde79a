package io.flashsale.loadtest.gatling;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class SloFileTests {

	private static final String SLO = """
			scenarios:
			  spike:
			    p99-ms: 500
			    max-error-ratio: 0.01
			    mix-share: 30
			  browse:
			    p99-ms: 300
			    max-error-ratio: 0.001
			    mix-share: 60
			  pay:
			    p99-ms: 1500
			    max-error-ratio: 0
			    mix-share: 10
			""";

	@Test
	void readsEachScenariosObjective() {
		SloFile slos = SloFile.parse(SLO);
		assertThat(slos.of(Workload.SPIKE)).isEqualTo(new Slo(500, 0.01, 30));
		assertThat(slos.of(Workload.BROWSE)).isEqualTo(new Slo(300, 0.001, 60));
		assertThat(slos.of(Workload.PAY)).isEqualTo(new Slo(1500, 0, 10));
	}

	@Test
	void readsTheBundledFile() throws IOException {
		try (InputStream bundled = SloFile.class.getResourceAsStream(SloFile.DEFAULT_RESOURCE)) {
			SloFile slos = SloFile.parse(new String(bundled.readAllBytes(), StandardCharsets.UTF_8));
			assertThat(slos.slos()).containsOnlyKeys(Workload.values());
		}
	}

	@Test
	void splitsTheRateByMixShare() {
		Map<Workload, Double> rates = SloFile.parse(SLO).split(100, List.of(Workload.values()));
		assertThat(rates.get(Workload.SPIKE)).isCloseTo(30, within(1e-9));
		assertThat(rates.get(Workload.BROWSE)).isCloseTo(60, within(1e-9));
		assertThat(rates.get(Workload.PAY)).isCloseTo(10, within(1e-9));
	}

	@Test
	void refusesAFileMissingAScenario() {
		assertThatIllegalArgumentException().isThrownBy(() -> SloFile.parse(SLO.substring(0, SLO.indexOf("  pay:"))))
			.withMessageContaining("scenarios.pay");
	}

	@Test
	void refusesAMissingOrMistypedKey() {
		assertThatIllegalArgumentException().isThrownBy(() -> SloFile.parse(SLO.replace("p99-ms: 300", "p99: 300")))
			.withMessageContaining("scenarios.browse.p99-ms");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SloFile.parse(SLO.replace("max-error-ratio: 0.01", "max-error-ratio: lots")))
			.withMessageContaining("scenarios.spike.max-error-ratio");
	}

	@Test
	void refusesAnUnknownScenarioAndAnImpossibleObjective() {
		assertThatIllegalArgumentException().isThrownBy(() -> SloFile.parse(SLO.replace("browse:", "brows:")))
			.withMessageContaining("unknown scenario 'brows'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SloFile.parse(SLO.replace("max-error-ratio: 0.001", "max-error-ratio: 2")))
			.withMessageContaining("max-error-ratio in 0..1");
	}

}
