package io.flashsale.loadtest.gatling;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import io.flashsale.loadtest.CommandLines;

import static org.assertj.core.api.Assertions.assertThat;

class LoadTestOptionsTests {

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void runsTheMixByDefault() {
		LoadTestOptions options = parse();
		assertThat(options.workloads()).containsExactly(Workload.SPIKE, Workload.BROWSE, Workload.PAY);
		assertThat(options.duration).isEqualTo(10);
		assertThat(options.rate).isEqualTo(30);
	}

	@Test
	void runsOneScenarioAlone() {
		assertThat(parse("--scenario=spike").workloads()).containsExactly(Workload.SPIKE);
		assertThat(parse("--scenario", "pay").workloads()).containsExactly(Workload.PAY);
	}

	@Test
	void targetsTheGivenUrlWithoutItsTrailingSlash() {
		assertThat(parse("--url=https://gateway.example/").url()).isEqualTo("https://gateway.example");
	}

	@Test
	void refusesAnUnknownScenarioOrANonsenseRate() {
		assertThat(exitCode("--scenario=coupons")).hasValue(2);
		assertThat(this.err.toString()).contains("unknown scenario 'coupons'");
		assertThat(exitCode("--rate=0")).hasValue(2);
		assertThat(exitCode("--duration=1")).hasValue(2);
	}

	private LoadTestOptions parse(String... args) {
		LoadTestOptions options = new LoadTestOptions();
		assertThat(CommandLines.parse(options, args, LoadTestOptions::check, quiet(), quiet())).isEmpty();
		return options;
	}

	private OptionalInt exitCode(String... args) {
		return CommandLines.parse(new LoadTestOptions(), args, LoadTestOptions::check, quiet(),
				new PrintStream(this.err, true));
	}

	private static PrintStream quiet() {
		return new PrintStream(new ByteArrayOutputStream(), true);
	}

}
