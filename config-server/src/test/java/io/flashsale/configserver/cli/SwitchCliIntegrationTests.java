package io.flashsale.configserver.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.flashsale.configserver.ConfigServerTest;
import io.flashsale.opscli.switches.SwitchCli;
import io.flashsale.platform.security.LocalTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./flashsale switch} (ops-cli's {@link SwitchCli}) against the running config
 * server. It lives here, not in ops-cli, because this is where a real config server
 * starts; the server's own jar does not contain the client.
 */
@ConfigServerTest
class SwitchCliIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	LocalTokens tokens;

	@Autowired
	Clock clock;

	ByteArrayOutputStream out;

	ByteArrayOutputStream err;

	SwitchCli cli;

	@BeforeEach
	void startFromTheShippedDefaults() {
		this.out = new ByteArrayOutputStream();
		this.err = new ByteArrayOutputStream();
		this.cli = new SwitchCli(URI.create("http://127.0.0.1:" + this.port), () -> this.tokens.admin("ops-dave"),
				new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8), this.clock);
		assertThat(this.cli.run("rollback", "0", "--reason", "test starts from the shipped defaults")).isZero();
	}

	@Test
	void setsASwitchThenListsItsOverrideAndTheAuditNamesTheOperator() {
		int set = this.cli.run("set", "flashsale.switches.shed=non-core", "--app", "order-service", "--reason",
				"peak at 8x");
		int list = this.cli.run("list", "--app", "order-service");
		int audit = this.cli.run("audit", "--limit", "1");

		assertThat(set).isZero();
		assertThat(list).isZero();
		assertThat(audit).isZero();
		String printed = this.out.toString(StandardCharsets.UTF_8);
		assertThat(printed).containsPattern("version \\d+: flashsale.switches.shed set")
			.containsPattern("flashsale.switches.shed +order-service +non-core +override v\\d+ by ops-dave at ")
			.containsPattern("flashsale.switches.sale-kill +order-service +false +default: config-repo/application.yml")
			.containsPattern("ops-dave +set +order-service +flashsale.switches.shed: - -> non-core +peak at 8x");
	}

	@Test
	void refusedChangesExitWithOneAndTheProblemsDetail() {
		int wrongType = this.cli.run("set", "flashsale.switches.sale-kill=maybe", "--reason", "typo");
		int unknownPlan = this.cli.run("plan", "apply", "no-such-plan", "--reason", "typo");

		assertThat(wrongType).isEqualTo(1);
		assertThat(unknownPlan).isEqualTo(1);
		assertThat(this.err.toString(StandardCharsets.UTF_8))
			.contains("400 Invalid switch value: flashsale.switches.sale-kill takes true or false, not 'maybe'")
			.contains("404 Unknown plan");
	}

	@Test
	void appliesAPlanListsPlansAndVersionsAndRollsBack() {
		assertThat(this.cli.run("plan", "apply", "kill-sale", "--reason", "pricing error")).isZero();
		assertThat(this.cli.run("plan", "list")).isZero();
		assertThat(this.cli.run("versions")).isZero();
		assertThat(this.cli.run("rollback", "0")).isZero();

		assertThat(this.out.toString(StandardCharsets.UTF_8)).containsPattern("applied plan kill-sale as version \\d+")
			.contains("flashsale.switches.sale-kill=true")
			.containsPattern("plan-apply")
			.containsPattern("version \\d+: overrides are those of version 0");
	}

}
