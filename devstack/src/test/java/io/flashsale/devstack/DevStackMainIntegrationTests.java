package io.flashsale.devstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The supervisor behind {@code ./flashsale up}, run as its own JVM as the CLI runs it: a
 * dead server no longer takes the others down, and the control port brings it back.
 */
class DevStackMainIntegrationTests {

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

	@TempDir
	Path home;

	private Process supervisor;

	@AfterEach
	void stopSupervisor() throws InterruptedException {
		if (this.supervisor != null && this.supervisor.isAlive()) {
			this.supervisor.destroy();
			if (!this.supervisor.waitFor(60, TimeUnit.SECONDS)) {
				this.supervisor.descendants().forEach(ProcessHandle::destroyForcibly);
				this.supervisor.destroyForcibly();
			}
		}
	}

	@Test
	void keepsMariadbAndKafkaRunningWhenRedisIsKilledAndStartsRedisAgainOnRequest() throws Exception {
		int[] ports = Ports.freeLoopbackPorts(4);
		String java = ProcessHandle.current().info().command().orElseThrow();
		ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-Dflashsale.home=" + this.home, "-cp",
				System.getProperty("java.class.path"), DevStackMain.class.getName())
			.redirectErrorStream(true)
			.redirectOutput(this.home.resolve("devstack.log").toFile());
		builder.environment()
			.putAll(Map.of("FLASHSALE_REDIS_PORT", Integer.toString(ports[0]), "FLASHSALE_DB_PORT",
					Integer.toString(ports[1]), "FLASHSALE_KAFKA_PORT", Integer.toString(ports[2]),
					"FLASHSALE_KAFKA_CONTROLLER_PORT", Integer.toString(ports[3])));
		Files.createDirectories(this.home);
		this.supervisor = builder.start();
		Properties ready = awaitFile("devstack.properties", (properties) -> true);
		Properties control = awaitFile("control.properties", (properties) -> true);
		assertThat(Files.getPosixFilePermissions(this.home.resolve("control.properties")))
			.isEqualTo(PosixFilePermissions.fromString("rw-------"));
		long redisPid = Long.parseLong(ready.getProperty("redis.pid"));

		ProcessHandle redis = ProcessHandle.of(redisPid).orElseThrow();
		redis.destroyForcibly();
		redis.onExit().get(10, TimeUnit.SECONDS);

		Properties afterDeath = awaitFile("servers.properties",
				(servers) -> "DIED 137".equals(servers.getProperty("redis")));
		assertThat(afterDeath.getProperty("mariadb")).isEqualTo("UP " + ready.getProperty("mariadb.pid"));
		assertThat(afterDeath.getProperty("kafka")).isEqualTo("UP " + ready.getProperty("kafka.pid"));
		assertThat(this.supervisor.isAlive()).isTrue();
		assertThat(Ports.accepts(DevStackSettings.LOOPBACK, ports[1])).isTrue();
		assertThat(Ports.accepts(DevStackSettings.LOOPBACK, ports[2])).isTrue();

		assertThat(request(control, "wrong-token start redis")).startsWith("error:");
		assertThat(request(control, control.getProperty("token") + " start redis")).isEqualTo("ok start redis");
		assertThat(RedisComponent.ping(DevStackSettings.LOOPBACK, ports[0])).isEqualTo("+PONG");
		assertThat(awaitFile("servers.properties", (servers) -> servers.getProperty("redis").startsWith("UP "))
			.getProperty("redis")).isNotEqualTo("UP " + redisPid);

		assertThat(request(control, control.getProperty("token") + " stop kafka")).isEqualTo("ok stop kafka");
		assertThat(awaitFile("servers.properties", (servers) -> true).getProperty("kafka")).isEqualTo("STOPPED");
		assertThat(Files.readString(this.home.resolve("devstack.log"))).contains("devstack: redis died (exit 137)")
			.doesNotContain("kafka died");

		List<ProcessHandle> servers = this.supervisor.descendants().toList();
		this.supervisor.destroy();
		assertThat(this.supervisor.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(servers).noneMatch(ProcessHandle::isAlive);
		assertThat(this.home.resolve("control.properties")).doesNotExist();
	}

	private Properties awaitFile(String name, Predicate<Properties> condition) throws Exception {
		Path file = this.home.resolve(name);
		long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			assertThat(this.supervisor.isAlive()).as("supervisor alive; see %s", this.home.resolve("devstack.log"))
				.isTrue();
			if (Files.exists(file)) {
				Properties properties = new Properties();
				properties.load(new StringReader(Files.readString(file)));
				if (condition.test(properties)) {
					return properties;
				}
			}
			Thread.sleep(200);
		}
		throw new AssertionError(name + " did not reach the expected state within " + READY_TIMEOUT.toSeconds()
				+ " s; log:\n" + Files.readString(this.home.resolve("devstack.log")));
	}

	private static String request(Properties control, String line) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(),
				Integer.parseInt(control.getProperty("port")))) {
			socket.setSoTimeout(90_000);
			new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8).println(line);
			return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
				.readLine();
		}
	}

}
