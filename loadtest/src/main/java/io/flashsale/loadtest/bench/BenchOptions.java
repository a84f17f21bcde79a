package io.flashsale.loadtest.bench;

import java.time.Duration;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import io.flashsale.loadtest.GatewayOption;

/** The options of {@code ./flashsale bench}, with their defaults. */
@Command(name = "flashsale bench", sortOptions = false,
		description = "The purchase-path benchmark through the gateway, open model (docs/performance.md).")
final class BenchOptions {

	@Option(names = "--rates", paramLabel = "RPS", split = ",",
			defaultValue = "100,200,300,400,500,600,700,800,1000,1200,1500",
			description = "the rising rates offered (default: ${DEFAULT-VALUE})")
	List<Integer> rates;

	@Option(names = "--step-seconds", paramLabel = "S", description = "length of each step (default: ${DEFAULT-VALUE})")
	int stepSeconds = 5;

	@Option(names = "--p99-budget-ms", paramLabel = "MS",
			description = "the p99 a rate must keep to count as kept up (default: ${DEFAULT-VALUE})")
	int p99BudgetMs = 100;

	@Option(names = "--warmup-seconds", paramLabel = "S",
			description = "warm-up before each scenario (default: ${DEFAULT-VALUE})")
	int warmupSeconds = 15;

	@Option(names = "--warmup-rate", paramLabel = "RPS", description = "the warm-up's rate (default: ${DEFAULT-VALUE})")
	int warmupRate = 200;

	@Option(names = "--only", paramLabel = "SCENARIO",
			description = "abc: every scenario (default); a, b or c: that one alone at the first rate, for profiling")
	String only = "abc";

	@Mixin
	GatewayOption gateway = new GatewayOption();

	@Option(names = { "-h", "--help" }, usageHelp = true, description = "this text")
	boolean help;

	Duration step() {
		return Duration.ofSeconds(this.stepSeconds);
	}

	Duration warmUp() {
		return Duration.ofSeconds(this.warmupSeconds);
	}

	/**
	 * Refuses values the benchmark cannot run with.
	 * @throws IllegalArgumentException naming what is needed
	 */
	void check() {
		if (!List.of("abc", "a", "b", "c").contains(this.only)) {
			throw new IllegalArgumentException("--only takes abc, a, b or c, not " + this.only);
		}
		if (this.rates.isEmpty() || this.rates.stream().anyMatch((rate) -> rate < 1) || this.stepSeconds < 1
				|| this.warmupSeconds < 0 || this.warmupRate < 1 || this.p99BudgetMs < 1) {
			throw new IllegalArgumentException(
					"Need rates, step-seconds, warmup-rate, p99-budget-ms >= 1 " + "and warmup-seconds >= 0");
		}
	}

}
