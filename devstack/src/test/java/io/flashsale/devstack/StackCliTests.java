package io.flashsale.devstack;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line of the stack commands, without a running stack.
 */
class StackCliTests {

	@TempDir
	Path home;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private Map<String, String> environment = Map.of();

	@Test
	void refusesUnknownOptionsAndMissingNamesAsUsageErrors() {
		assertThat(run("stop", "redis", "--force")).isEqualTo(2);
		assertThat(err()).contains("Unknown option: '--force'");
		assertThat(run("start", "redis", "--kill")).isEqualTo(2);
		assertThat(err()).contains("Unknown option: '--kill'");
		assertThat(run("restart")).isEqualTo(2);
		assertThat(err()).contains("Missing required parameter: 'NAME'");
		assertThat(run("up", "--fast")).isEqualTo(2);
		assertThat(run("stop", "redis", "kafka")).isEqualTo(2);
		assertThat(run("reboot")).isEqualTo(2);
	}

	@Test
	void refusesUnknownComponentsNamingTheKnownOnes() {
		assertThat(run("stop", "postgres")).isEqualTo(1);
		assertThat(err()).contains("flashsale: unknown component 'postgres'; one of: redis mariadb kafka "
				+ "config-server inventory-service marketing-service order-service payment-service gateway");
	}

	@Test
	void oneComponentNeedsARunningStack() {
		assertThat(run("restart", "order-service", "--kill")).isEqualTo(1);
		assertThat(err()).contains("flashsale: the dev stack is not running; ./flashsale up starts everything");
	}

	@Test
	void statusWithoutAStackShowsEverythingStoppedAndFails() {
		assertThat(run("status")).isEqualTo(1);
		assertThat(this.out.toString(StandardCharsets.UTF_8).lines()).containsExactly("devstack           STOPPED ",
				"config-server      STOPPED ", "inventory-service  STOPPED ", "marketing-service  STOPPED ",
				"order-service      STOPPED ", "payment-service    STOPPED ", "gateway            STOPPED ");
	}

	@Test
	void upNamesTheOwnerOfATakenPortAndStartsNothing() throws Exception {
		int[] ports = Ports.freeLoopbackPorts(StackPort.values().length);
		Map<String, String> variables = new HashMap<>();
		IntStream.range(0, ports.length)
			.forEach((i) -> variables.put(StackPort.values()[i].variable(), Integer.toString(ports[i])));
		this.environment = variables;
		int gateway = StackPort.GATEWAY.port(variables);
		try (ServerSocket taken = new ServerSocket(gateway, 1, InetAddress.getLoopbackAddress())) {
			assertThat(run("up")).isEqualTo(1);
		}
		assertThat(err())
			.contains("flashsale: port " + gateway + " (gateway) is already in use by pid "
					+ ProcessHandle.current().pid() + ": ")
			.contains("Stop it, or set another port (see ./flashsale help).");
		assertThat(this.home.resolve("logs")).doesNotExist();
	}

	@Test
	void logsShowsTheLastLinesOfAComponentsLog() throws Exception {
		Path log = Files.createDirectories(this.home.resolve("logs")).resolve("order-service.log");
		Files.write(log, IntStream.rangeClosed(1, 300).mapToObj((i) -> "line " + i).toList());
		Path redisLog = Files.createDirectories(this.home.resolve("devstack/logs")).resolve("redis.log");
		Files.write(redisLog, List.of("ready to accept connections"));

		assertThat(run("logs", "order-service")).isZero();
		assertThat(this.out.toString(StandardCharsets.UTF_8).lines())
			.containsExactlyElementsOf(IntStream.rangeClosed(101, 300).mapToObj((i) -> "line " + i).toList());
		this.out.reset();
		assertThat(run("logs", "redis")).isZero();
		assertThat(this.out.toString(StandardCharsets.UTF_8)).isEqualTo("ready to accept connections\n");
		assertThat(run("logs", "kafka")).isEqualTo(1);
		assertThat(err()).contains("flashsale: no log for 'kafka' at " + this.home.resolve("devstack/logs/kafka.log"));
	}

	@Test
	void downStopsAStrayProcessOfTheStateFolder() throws Exception {
		// An argument names the state folder, as the command line of every process of the
		// stack does.
		Path followed = Files.createFile(this.home.resolve("stray.log"));
		Process stray = new ProcessBuilder("tail", "-f", "/dev/null", followed.toString()).start();
		assertThat(stray.isAlive()).isTrue();

		assertThat(run("down")).isZero();

		assertThat(stray.waitFor(5, TimeUnit.SECONDS)).isTrue();
		assertThat(err()).contains("flashsale: stopping leftover processes: " + stray.pid());
		assertThat(this.out.toString(StandardCharsets.UTF_8)).isEqualTo("stopped\n");
	}

	private int run(String... args) {
		this.err.reset();
		return new StackCli(this.home, this.home.resolve("src"), FakeApps.VERSION, this.environment,
				new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8))
			.run(args);
	}

	private String err() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

}
