package io.flashsale.loadtest.bench;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.flashsale.loadtest.GatewayOption;

/** The options of {@code ./flashsale bench}, with their defaults. */
@Command(name = "flashsale bench", sortOptions = false,
		description = "The purchase-path benchmark, open model, against the stack and optionally the reference (docs/performance.md).")
final class BenchOptions {

	@Option(names = "--rates", paramLabel = "RPS", split = ",",
			defaultValue = "100,200,300,500,750,1000,1500,2000,3000,4000,5000,6000,8000,10000,12000,15000,20000,25000",
			description = "the rising rates offered to each scenario until one is not kept up (default: ${DEFAULT-VALUE})")
	List<Integer> rates;

	@Option(names = "--step-seconds", paramLabel = "S", description = "length of each step (default: ${DEFAULT-VALUE})")
	int stepSeconds = 20;

	@Option(names = "--p99-budget-ms", paramLabel = "MS",
			description = "the p99 from intended send a rate must keep to count as kept up (default: ${DEFAULT-VALUE})")
	int p99BudgetMs = 50;

	@Option(names = "--warmup-seconds", paramLabel = "S",
			description = "warm-up before each scenario (default: ${DEFAULT-VALUE})")
	int warmupSeconds = 20;

	@Option(names = "--warmup-rate", paramLabel = "RPS", description = "the warm-up's rate (default: ${DEFAULT-VALUE})")
	int warmupRate = 200;

	@Option(names = "--only", paramLabel = "SCENARIO",
			description = "abc: every scenario (default); a, b or c: that one alone, one step at the first rate, for profiling")
	String only = "abc";

	@Option(names = { "--url", "--gateway" }, paramLabel = "URL",
			description = "the stack's gateway (default: http://127.0.0.1:$FLASHSALE_GATEWAY_PORT, else 18080)")
	String url;

	@Option(names = "--reference", paramLabel = "URL",
			description = "also run the scenarios against the reference server at URL, right after the stack, and print the ratios")
	String reference;

	@Option(names = "--reference-redis", paramLabel = "URI",
			description = "the Redis the reference uses, where the bench gives its sales stock (default: redis://127.0.0.1:$FLASHSALE_REDIS_PORT, else 16379)")
	String referenceRedis;

	@Option(names = "--reference-only", description = "skip the stack: the reference alone (it needs --reference)")
	boolean referenceOnly;

	@Option(names = "--connections", paramLabel = "N",
			description = "keep-alive connections to each target (default: ${DEFAULT-VALUE})")
	int connections = 100;

	@Option(names = "--io-threads", paramLabel = "N",
			description = "the generator's event-loop threads (default: ${DEFAULT-VALUE})")
	int ioThreads = 1;

	@Option(names = "--tick-micros", paramLabel = "US",
			description = "the pacing timer's shortest sleep: requests due within it go out together, at most that late, "
					+ "the delay counted as latency; 0 sends each at its instant, for about twice the generator's CPU "
					+ "(default: ${DEFAULT-VALUE})")
	int tickMicros = 250;

	@Option(names = "--answer-timeout-seconds", paramLabel = "S",
			description = "how long after a step's last send its answers are awaited (default: ${DEFAULT-VALUE})")
	int answerTimeoutSeconds = 10;

	@Option(names = { "-h", "--help" }, usageHelp = true, description = "this text")
	boolean help;

	Duration step() {
		return Duration.ofSeconds(this.stepSeconds);
	}

	Duration warmUp() {
		return Duration.ofSeconds(this.warmupSeconds);
	}

	Duration tick() {
		return Duration.ofNanos(this.tickMicros * 1000L);
	}

	Duration answerTimeout() {
		return Duration.ofSeconds(this.answerTimeoutSeconds);
	}

	URI url() {
		return URI.create((this.url != null) ? this.url : GatewayOption.localGateway());
	}

	URI referenceRedis() {
		if (this.referenceRedis != null) {
			return URI.create(this.referenceRedis);
		}
		String port = System.getenv("FLASHSALE_REDIS_PORT");
		return URI.create("redis://127.0.0.1:" + ((port == null || port.isBlank()) ? "16379" : port));
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
				|| this.warmupSeconds < 0 || this.warmupRate < 1 || this.p99BudgetMs < 1 || this.connections < 1
				|| this.ioThreads < 1 || this.ioThreads > this.connections || this.answerTimeoutSeconds < 1
				|| this.tickMicros < 0 || this.tickMicros > 10_000) {
			throw new IllegalArgumentException("Need rates, step-seconds, warmup-rate, p99-budget-ms, connections, "
					+ "answer-timeout-seconds >= 1, 1 <= io-threads <= connections warmup-seconds >= 0 and 0 <= tick-micros <= 10000");
		}
		if (this.referenceOnly && this.reference == null) {
			throw new IllegalArgumentException("--reference-only needs --reference=URL");
		}
		for (String target : new String[] { this.url, this.reference }) {
			if (target != null && !target.startsWith("http://")) {
				throw new IllegalArgumentException(
						"The benchmark speaks plain HTTP/1.1: an http:// URL, not " + target);
			}
		}
	}

}
