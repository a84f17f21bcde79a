package io.flashsale.devstack;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The supervisor behind {@code ./flashsale}, started detached by {@link StackCli} as the
 * script runs it: real Redis, MariaDB and Kafka, and {@link FakeApp fake apps} for the
 * six Spring Boot apps. A dead component no longer takes the others down, one component
 * at a time stops and starts again, and {@code down} leaves no process behind.
 */
class DevStackMainIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(120);

	@TempDir
	Path home;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private final Map<String, String> environment = new HashMap<>();

	@AfterEach
	void down() {
		run("down");
	}

	@Test
	void runsTheStackAndOneComponentAtATimeUntilDownLeavesNoProcess() throws Exception {
		int[] ports = Ports.freeLoopbackPorts(StackPort.values().length);
		IntStream.range(0, ports.length)
			.forEach((i) -> this.environment.put(StackPort.values()[i].variable(), Integer.toString(ports[i])));
		this.environment.put("FLASHSALE_JAVA_OPTS", "-Xmx32m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
		FakeApps.tree(this.home.resolve("src"));

		assertThat(run("up")).as(err()).isZero();
		assertThat(out()).contains(
				"starting the dev stack (Redis :" + port(StackPort.REDIS) + ", MariaDB :" + port(StackPort.MARIADB)
						+ ", Kafka :" + port(StackPort.KAFKA) + ")...",
				"starting config-server...",
				"starting inventory-service, marketing-service, order-service, payment-service, gateway...",
				"ready in ", "  gateway        http://127.0.0.1:" + port(StackPort.GATEWAY) + "   (shoppers' entry)");
		ControlClient control = ControlClient.find(this.home).orElseThrow();
		assertThat(Files.getPosixFilePermissions(ControlClient.controlFile(this.home)))
			.isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(run("status")).as(out()).isZero();
		assertThat(out().lines()).hasSize(9)
			.anyMatch((line) -> line.matches("redis +UP +pid \\d+ +127.0.0.1:" + port(StackPort.REDIS) + " +listening"))
			.anyMatch((line) -> line
				.matches("order-service +READY +pid \\d+ +http://127.0.0.1:" + port(StackPort.ORDER_SERVICE)));

		// The control port wants the token and a known command and component.
		assertThat(new ControlClient(control.port(), "wrong-token", control.pid()).request("stop redis", List.of()::add,
				List.of()::add))
			.startsWith("error:");
		assertThat(request(control, "reboot redis")).startsWith("error: unknown command");
		assertThat(request(control, "stop postgres")).startsWith("error: unknown component 'postgres'");
		assertThat(request(control, "stop")).isEqualTo("error: stop needs a component");

		// A server killed from outside is reported; the others keep running.
		long redisPid = pidOf("redis");
		ProcessHandle.of(redisPid).orElseThrow().destroyForcibly();
		awaitStatus((line) -> line.matches(
				"redis +DOWN +127.0.0.1:" + port(StackPort.REDIS) + " +died \\(exit 137\\); ./flashsale start redis"));
		assertThat(out()).containsPattern("mariadb +UP").containsPattern("kafka +UP").containsPattern("gateway +READY");
		awaitLog("devstack: redis died (exit 137)");
		assertThat(request(control, "start redis")).isEqualTo("ok start redis");
		assertThat(RedisComponent.ping(DevStackSettings.LOOPBACK, port(StackPort.REDIS))).isEqualTo("+PONG");
		assertThat(pidOf("redis")).isNotEqualTo(redisPid);

		assertThat(run("stop", "kafka")).isZero();
		assertThat(out()).isEqualTo("kafka stopped\n");
		assertThat(run("status")).isEqualTo(1);
		assertThat(out()).containsPattern("kafka +STOPPED +127.0.0.1:" + port(StackPort.KAFKA)
				+ " +stopped on request \\(./flashsale start kafka\\)");
		assertThat(run("start", "kafka")).as(err()).isZero();
		assertThat(out()).matches("kafka up on 127.0.0.1:" + port(StackPort.KAFKA) + " in \\d+ s\n");

		long orderPid = pidOf("order-service");
		assertThat(run("restart", "order-service", "--kill")).as(err()).isZero();
		assertThat(out()).matches("order-service killed \\(SIGKILL\\)\norder-service ready on http://127.0.0.1:"
				+ port(StackPort.ORDER_SERVICE) + " in \\d+ s\n");
		assertThat(pidOf("order-service")).isNotEqualTo(orderPid);
		assertThat(run("stop", "gateway")).isZero();
		assertThat(run("status")).isEqualTo(1);
		assertThat(out()).containsPattern("gateway +STOPPED");
		assertThat(run("up")).as(err()).isZero();
		assertThat(run("status")).as(out()).isZero();
		assertThat(Files.readString(this.home.resolve("logs/devstack.log"))).doesNotContain("kafka died",
				"order-service died");

		List<ProcessHandle> processes = new ArrayList<>(
				ProcessHandle.of(control.pid()).orElseThrow().descendants().toList());
		processes.add(ProcessHandle.of(control.pid()).orElseThrow());
		assertThat(processes).hasSizeGreaterThanOrEqualTo(10);
		assertThat(run("down")).isZero();
		assertThat(out()).isEqualTo("stopped\n");
		assertThat(err()).doesNotContain("leftover");
		assertThat(processes).noneMatch(ProcessHandle::isAlive);
		assertThat(ControlClient.controlFile(this.home)).doesNotExist();
		assertThat(run("status")).isEqualTo(1);
		assertThat(out()).startsWith("devstack           STOPPED");
	}

	private void awaitStatus(Predicate<String> line) throws InterruptedException {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			run("status");
			if (out().lines().anyMatch(line)) {
				return;
			}
			Thread.sleep(300);
		}
		throw new AssertionError("status never showed the expected line; last:\n" + out());
	}

	/** The supervisor looks at its components once a second. */
	private void awaitLog(String text) throws Exception {
		Path log = this.home.resolve("logs/devstack.log");
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!Files.readString(log).contains(text) && System.nanoTime() < deadline) {
			Thread.sleep(200);
		}
		assertThat(Files.readString(log)).contains(text);
	}

	private long pidOf(String component) {
		run("status");
		return out().lines()
			.filter((line) -> line.startsWith(component + " "))
			.map((line) -> Long.parseLong(line.replaceFirst(".* pid (\\d+) .*", "$1")))
			.findFirst()
			.orElseThrow();
	}

	private String request(ControlClient control, String request) {
		return control.request(request, (line) -> {
		}, (line) -> {
		});
	}

	private int port(StackPort port) {
		return port.port(this.environment);
	}

	private int run(String... args) {
		this.out.reset();
		this.err.reset();
		return new StackCli(this.home, this.home.resolve("src"), FakeApps.VERSION, this.environment,
				new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8))
			.run(args);
	}

	private String out() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String err() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

}
