package io.flashsale.opscli.switches;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

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
		Times times = new Times(Clock.fixed(Instant.parse("2026-11-11T22:00:00Z"), ZoneOffset.UTC));
		Instant now = Instant.parse("2026-11-11T22:00:00Z");

		Instant at = times.parse("23:55", now);
		Instant until = times.parse("00:05", at);

		assertThat(at).isEqualTo(Instant.parse("2026-11-11T23:55:00Z"));
		assertThat(until).isEqualTo(Instant.parse("2026-11-12T00:05:00Z"));
		assertThat(times.parse("21:30", now)).isEqualTo(Instant.parse("2026-11-12T21:30:00Z"));
		assertThat(times.parse("9:05", now)).isEqualTo(Instant.parse("2026-11-12T09:05:00Z"));
	}

	@Test
	void hourAndMinuteAreReadInTheLocalZone() {
		Times times = new Times(Clock.fixed(Instant.parse("2026-11-11T12:00:00Z"), ZoneId.of("Asia/Shanghai")));

		assertThat(times.parse("23:55", Instant.parse("2026-11-11T12:00:00Z")))
			.isEqualTo(Instant.parse("2026-11-11T15:55:00Z"));
	}

	@Test
	void acceptsIsoInstantsAndOffsetsAndRejectsOtherTimes() {
		Times times = new Times(Clock.systemUTC());
		Instant now = Instant.now();

		assertThat(times.parse("2026-11-11T23:55:00Z", now)).isEqualTo(Instant.parse("2026-11-11T23:55:00Z"));
		assertThat(times.parse("2026-11-11T23:55:00+08:00", now)).isEqualTo(Instant.parse("2026-11-11T15:55:00Z"));
		assertThat(times.parse(null, now)).isNull();
		assertThatThrownBy(() -> times.parse("tonight", now)).isInstanceOf(UsageError.class);
		assertThatThrownBy(() -> times.parse("25:00", now)).isInstanceOf(UsageError.class);
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
			.contains("Usage: ./flashsale switch")
			.contains("flashsale switch: unknown command: frobnicate")
			.contains("flashsale switch: unknown option for switch audit: --colour");
	}

	@Test
	void refusesAnOptionItsCommandDoesNotTakeNamingIt() {
		SwitchCli cli = cli(Clock.systemUTC());

		assertThat(cli.run("list", "--reason", "not a set")).isEqualTo(2);
		assertThat(cli.run("versions", "--limit", "5")).isEqualTo(2);
		assertThat(cli.run("plan", "list", "--at", "23:55")).isEqualTo(2);
		assertThat(cli.run("plan", "frobnicate")).isEqualTo(2);
		assertThat(cli.run("plan")).isEqualTo(2);
		assertThat(cli.run("set", "a=1", "b=2", "--reason", "two at once")).isEqualTo(2);
		assertThat(this.err.toString(StandardCharsets.UTF_8))
			.contains("flashsale switch: unknown option for switch list: --reason")
			.contains("flashsale switch: unknown option for switch versions: --limit")
			.contains("flashsale switch: unknown option for switch plan list: --at")
			.contains("flashsale switch: unexpected argument for switch plan: frobnicate")
			.contains("flashsale switch: usage: switch plan list | plan apply NAME ... | plan cancel ID")
			.contains("flashsale switch: unexpected argument for switch set: b=2");
		assertThat(this.out.toString(StandardCharsets.UTF_8)).isEmpty();
	}

	@Test
	void helpPrintsTheUsageAndExitsWithZero() {
		SwitchCli cli = cli(Clock.systemUTC());

		assertThat(cli.run()).isZero();
		assertThat(cli.run("help")).isZero();
		assertThat(cli.run("--help")).isZero();
		assertThat(cli.run("set", "-h")).isZero();

		assertThat(this.out.toString(StandardCharsets.UTF_8).split("Usage: ./flashsale switch COMMAND", -1)).hasSize(5);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).isEmpty();
	}

	@Test
	void theOperatorNamedByAsBeforeOrAfterTheCommandSignsTheCall() {
		List<String> operators = new ArrayList<>();
		SwitchCli cli = new SwitchCli(URI.create("http://127.0.0.1:1"), (String operator) -> {
			operators.add(operator);
			return "no-token";
		}, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8), Clock.systemUTC());

		cli.run("--as", "ops-erin", "versions");
		cli.run("audit", "--as", "ops-frank");
		cli.run("list");

		assertThat(operators).containsExactly("ops-erin", "ops-frank", null);
	}

	@Test
	void anUnreachableServerIsAnErrorWithExitOne() {
		SwitchCli cli = cli(Clock.systemUTC());

		assertThat(cli.run("list")).isEqualTo(1);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("not reachable at http://127.0.0.1:1");
	}

}
