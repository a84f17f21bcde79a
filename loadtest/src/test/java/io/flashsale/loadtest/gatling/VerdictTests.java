package io.flashsale.loadtest.gatling;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictTests {

	private static final SloFile SLOS = new SloFile(Map.of(Workload.SPIKE, new Slo(500, 0.01, 30), Workload.BROWSE,
			new Slo(300, 0.01, 60), Workload.PAY, new Slo(1500, 0.01, 10)));

	private static final List<RequestStats> WITHIN = List.of(new RequestStats("spike purchase", 1000, 5, 12, 480),
			new RequestStats("browse sales", 600, 0, 5, 90), new RequestStats("browse sale", 600, 0, 4, 80),
			new RequestStats("winners purchase", 200, 200, 9, 9000));

	@Test
	void passesWhenEveryRequestIsWithinItsScenariosObjective() {
		List<Check> checks = Verdict.slo(SLOS, List.of(Workload.SPIKE, Workload.BROWSE), WITHIN);
		assertThat(checks).allMatch(Check::holds).hasSize(5);
		assertThat(Verdict.passed(checks)).isTrue();
	}

	@Test
	void failsWhenOneRequestsP99IsOverTheObjective() {
		List<RequestStats> stats = List.of(new RequestStats("spike purchase", 1000, 0, 12, 480),
				new RequestStats("browse sales", 600, 0, 5, 90), new RequestStats("browse sale", 600, 0, 4, 300));
		List<Check> checks = Verdict.slo(SLOS, List.of(Workload.SPIKE, Workload.BROWSE), stats);
		assertThat(Verdict.passed(checks)).isFalse();
		assertThat(checks).filteredOn((check) -> !check.holds())
			.extracting(Check::name)
			.containsExactly("'browse sale' p99 < 300 ms");
	}

	@Test
	void failsWhenTheScenariosErrorRatioIsOverTheObjective() {
		List<RequestStats> stats = List.of(new RequestStats("spike purchase", 1000, 11, 12, 100));
		List<Check> checks = Verdict.slo(SLOS, List.of(Workload.SPIKE), stats);
		assertThat(Verdict.passed(checks)).isFalse();
		assertThat(checks).filteredOn((check) -> !check.holds())
			.extracting(Check::name)
			.containsExactly("spike: error ratio <= 0.01");
	}

	@Test
	void failsAScenarioThatSentNothing() {
		List<Check> checks = Verdict.slo(SLOS, List.of(Workload.PAY), WITHIN);
		assertThat(Verdict.passed(checks)).isFalse();
		assertThat(checks).extracting(Check::name).containsExactly("pay: ran");
	}

	@Test
	void judgesOnlyTheScenariosThatRan() {
		// The payment storm's buyers ("winners purchase") answer to no objective.
		assertThat(Verdict.passed(Verdict.slo(SLOS, List.of(Workload.SPIKE), WITHIN))).isTrue();
	}

	@Test
	void failsOnAMissedBusinessCheckAndOnNoCheckAtAll() {
		List<Check> checks = List.of(new Check("no oversell: 202s <= units", true, "100 of 100"),
				new Check("every 202 an order", false, "100 accepted, 99 orders"));
		assertThat(Verdict.passed(checks)).isFalse();
		assertThat(Verdict.passed(List.of())).isFalse();
	}

}
