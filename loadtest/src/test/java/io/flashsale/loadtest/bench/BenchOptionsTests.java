package io.flashsale.loadtest.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import io.flashsale.loadtest.CommandLines;

import static org.assertj.core.api.Assertions.assertThat;

class BenchOptionsTests {

	final ByteArrayOutputStream out = new ByteArrayOutputStream();

	final ByteArrayOutputStream err = new ByteArrayOutputStream();

	OptionalInt parse(BenchOptions options, String... args) {
		return CommandLines.parse(options, args, BenchOptions::check,
				new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	@Test
	void runsWithTheDocumentedDefaults() {
		BenchOptions options = new BenchOptions();

		assertThat(parse(options)).isEmpty();
		assertThat(options.rates).containsExactly(100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 4000, 5000, 6000,
				8000, 10000, 12000, 15000, 20000, 25000);
		// The method: 20 s steps after a warm-up, p99 within 50 ms.
		assertThat(options.step()).isEqualTo(Duration.ofSeconds(20));
		assertThat(options.p99BudgetMs).isEqualTo(50);
		assertThat(options.warmUp()).isEqualTo(Duration.ofSeconds(20));
		assertThat(options.warmupRate).isEqualTo(200);
		assertThat(options.only).isEqualTo("abc");
	}

	@Test
	void readsTheRatesOfThePerformanceRecord() {
		BenchOptions options = new BenchOptions();

		assertThat(parse(options, "--rates=25,50,75,100", "--warmup-rate=50", "--warmup-seconds=20", "--only", "b"))
			.isEmpty();

		assertThat(options.rates).containsExactly(25, 50, 75, 100);
		assertThat(options.warmupRate).isEqualTo(50);
		assertThat(options.warmUp()).isEqualTo(Duration.ofSeconds(20));
		assertThat(options.only).isEqualTo("b");
	}

	@Test
	void refusesAnUnknownOptionAndAnUnknownScenarioWithExitTwo() {
		assertThat(parse(new BenchOptions(), "--rate=100")).hasValue(2);
		assertThat(parse(new BenchOptions(), "--only=d")).hasValue(2);
		assertThat(parse(new BenchOptions(), "--rates=100,fast")).hasValue(2);

		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("flashsale bench: Unknown option: '--rate=100'")
			.contains("flashsale bench: --only takes abc, a, b or c, not d")
			.contains("flashsale bench: Invalid value for option '--rates'")
			.contains("Usage: flashsale bench");
	}

}
