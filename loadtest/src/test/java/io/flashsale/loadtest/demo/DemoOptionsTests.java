package io.flashsale.loadtest.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import io.flashsale.loadtest.CommandLines;

import static org.assertj.core.api.Assertions.assertThat;

class DemoOptionsTests {

	final ByteArrayOutputStream out = new ByteArrayOutputStream();

	final ByteArrayOutputStream err = new ByteArrayOutputStream();

	OptionalInt parse(DemoOptions options, String... args) {
		return CommandLines.parse(options, args, DemoOptions::check,
				new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	@Test
	void runsWithTheDocumentedDefaults() {
		DemoOptions options = new DemoOptions();

		assertThat(parse(options)).isEmpty();
		assertThat(options.units).isEqualTo(100);
		assertThat(options.limit).isEqualTo(1);
		assertThat(options.attempts).isEqualTo(100_000);
		assertThat(options.shoppers).isEqualTo(50_000);
		assertThat(options.rate).isEqualTo(5000);
		assertThat(options.connections).isEqualTo(100);
		assertThat(options.seed).isEqualTo(42);
		assertThat(options.payPercent).isEqualTo(60);
		assertThat(options.payTimeout).isEqualTo(60);
		assertThat(options.payTwice).isEqualTo(5);
		assertThat(options.gateway.url()).startsWith("http://127.0.0.1:");
	}

	@Test
	void readsNameEqualsValueAndNameSpaceValue() {
		DemoOptions options = new DemoOptions();

		assertThat(parse(options, "--units=500", "--limit", "2", "--pay-percent=0", "--gateway=http://127.0.0.1:38080",
				"--attempts=2000", "--shoppers", "1000", "--rate=200", "--connections=20"))
			.isEmpty();

		assertThat(options.units).isEqualTo(500);
		assertThat(options.limit).isEqualTo(2);
		assertThat(options.payPercent).isZero();
		assertThat(options.attempts).isEqualTo(2000);
		assertThat(options.shoppers).isEqualTo(1000);
		assertThat(options.rate).isEqualTo(200);
		assertThat(options.connections).isEqualTo(20);
		assertThat(options.gateway.url()).isEqualTo("http://127.0.0.1:38080");
	}

	@Test
	void refusesAnUnknownOptionAValueOfTheWrongTypeAndImpossibleNumbersWithExitTwo() {
		assertThat(parse(new DemoOptions(), "--unitz=500")).hasValue(2);
		assertThat(parse(new DemoOptions(), "--units=many")).hasValue(2);
		assertThat(parse(new DemoOptions(), "--attempts=10", "--shoppers=20")).hasValue(2);
		assertThat(parse(new DemoOptions(), "--pay-percent=101")).hasValue(2);
		assertThat(parse(new DemoOptions(), "--rate=0")).hasValue(2);
		assertThat(parse(new DemoOptions(), "--connections=0")).hasValue(2);
		assertThat(parse(new DemoOptions(), "--connections=10001")).hasValue(2);
		// The closed rush's option is gone: the rush is open model, its pace set by
		// --rate.
		assertThat(parse(new DemoOptions(), "--concurrency=200")).hasValue(2);
		assertThat(parse(new DemoOptions(), "500")).hasValue(2);

		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("flashsale demo: Unknown option: '--unitz=500'")
			.contains("flashsale demo: Invalid value for option '--units': 'many' is not an int")
			.contains("flashsale demo: Need units, limit, shoppers, rate, pay-timeout >= 1, "
					+ "attempts >= shoppers, connections in 1..10000, pay-percent in 0..100 and pay-twice >= 0")
			.contains("flashsale demo: Unknown option: '--concurrency=200'")
			.contains("Usage: flashsale demo");
		assertThat(this.out.toString(StandardCharsets.UTF_8)).isEmpty();
	}

	@Test
	void helpPrintsTheOptionsAndExitsWithZero() {
		assertThat(parse(new DemoOptions(), "--help")).hasValue(0);

		assertThat(this.out.toString(StandardCharsets.UTF_8)).contains("Usage: flashsale demo")
			.contains("--units=N")
			.contains("--rate=N")
			.contains("--pay-twice=N");
	}

}
