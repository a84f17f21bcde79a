package io.flashsale.configserver.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SwitchCliTests {

	final ByteArrayOutputStream out = new ByteArrayOutputStream();

	final ByteArrayOutputStream err = new ByteArrayOutputStream();

	SwitchCli cli(Clock clock) {
		return new SwitchCli(URI.create("http://127.0.0.1:1"), () -> "no-token",
				new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8), clock);
	}

	@Test
	void hourAndMinuteMeanTheNextSuchLocalTimeAndAnEndAfterMidnightFallsOnTheNextDay() {
		SwitchCli cli = cli(Clock.fixed(Instant.parse("2026-11-11T22:00:00Z"), ZoneOffset.UTC));
		Instant now = Instant.parse("2026-11-11T22:00:00Z");

		Instant at = cli.time("23:55", now);
		Instant until = cli.time("00:05", at);

		assertThat(at).isEqualTo(Instant.parse("2026-11-11T23:55:00Z"));
		assertThat(until).isEqualTo(Instant.parse("2026-11-12T00:05:00Z"));
		assertThat(cli.time("21:30", now)).isEqualTo(Instant.parse("2026-11-12T21:30:00Z"));
		assertThat(cli.time("9:05", now)).isEqualTo(Instant.parse("2026-11-12T09:05:00Z"));
	}

	@Test
	void hourAndMinuteAreReadInTheLocalZone() {
		SwitchCli cli = cli(Clock.fixed(Instant.parse("2026-11-11T12:00:00Z"), ZoneId.of("Asia/Shanghai")));

		assertThat(cli.time("23:55", Instant.parse("2026-11-11T12:00:00Z")))
			.isEqualTo(Instant.parse("2026-11-11T15:55:00Z"));
	}

	@Test
	void acceptsIsoInstantsAndOffsetsAndRejectsOtherTimes() {
		SwitchCli cli = cli(Clock.systemUTC());
		Instant now = Instant.now();

		assertThat(cli.time("2026-11-11T23:55:00Z", now)).isEqualTo(Instant.parse("2026-11-11T23:55:00Z"));
		assertThat(cli.time("2026-11-11T23:55:00+08:00", now)).isEqualTo(Instant.parse("2026-11-11T15:55:00Z"));
		assertThat(cli.time(null, now)).isNull();
		assertThatThrownBy(() -> cli.time("tonight", now)).isInstanceOf(SwitchCli.UsageError.class);
		assertThatThrownBy(() -> cli.time("25:00", now)).isInstanceOf(SwitchCli.UsageError.class);
	}

	@Test
	void aWrongCommandLineExitsWithTwoAndTheUsage() {
		SwitchCli cli = cli(Clock.systemUTC());

		assertThat(cli.run("frobnicate")).isEqualTo(2);
		assertThat(cli.run("set", "flashsale.switches.sale-kill=true")).isEqualTo(2);
		assertThat(cli.run("set", "flashsale.switches.sale-kill", "--reason", "no value")).isEqualTo(2);
		assertThat(cli.run("plan", "apply", "kill-sale", "--reason", "x", "--at", "soon")).isEqualTo(2);
		assertThat(cli.run("rollback", "latest")).isEqualTo(2);
		assertThat(cli.run("audit", "--colour", "red")).isEqualTo(2);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("--reason TEXT is required")
			.contains("Usage: ./flashsale switch");
	}

	@Test
	void anUnreachableServerIsAnErrorWithExitOne() {
		SwitchCli cli = cli(Clock.systemUTC());

		assertThat(cli.run("list")).isEqualTo(1);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("not reachable at http://127.0.0.1:1");
	}

}
