package io.flashsale.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flashsale.devstack.AppComponent.AppSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An app as the supervisor runs it, as a real child JVM ({@link FakeApp}).
 */
class AppComponentTests {

	private static final String JAVA = ProcessHandle.current().info().command().orElseThrow();

	@TempDir
	Path dir;

	private AppComponent app;

	@AfterEach
	void stopApp() {
		if (this.app != null) {
			this.app.kill();
		}
	}

	@Test
	void startsFromACopyOfItsJarWithTheLocalProfileAndEveryPortAndStopsGracefully() throws Exception {
		int[] ports = Ports.freeLoopbackPorts(2);
		Path root = FakeApps.tree(this.dir.resolve("src"));
		this.app = new AppComponent("order-service", settings(root, List.of("-Xmx32m"), Map.of("FLASHSALE_ORDER_PORT",
				Integer.toString(ports[0]), "FLASHSALE_CONFIG_PORT", Integer.toString(ports[1]))));

		this.app.start();

		assertThat(this.app.readiness()).isEqualTo(200);
		assertThat(this.dir.resolve("home/apps/order-service.jar")).exists();
		assertThat(Files.readString(this.app.logFile()))
			.contains("fake order-service ready: profile local, config repo file:" + root.resolve("config-repo")
					+ "/, config server http://127.0.0.1:" + ports[1]);
		ProcessHandle process = ProcessHandle.of(this.app.state().pid()).orElseThrow();
		assertThat(process.info().commandLine())
			.hasValueSatisfying((line) -> assertThat(line).contains("-Dflashsale.home=" + this.dir.resolve("home")));

		this.app.stop();

		assertThat(process.isAlive()).isFalse();
		assertThat(Ports.isFree(DevStackSettings.LOOPBACK, ports[0])).isTrue();
		assertThat(this.app.state().alive()).isFalse();
		assertThat(this.app.unexpectedExitCode()).isEmpty();
	}

	@Test
	void killIsASigkillAndTheAppStartsAgainOnItsPort() throws Exception {
		int port = Ports.freeLoopbackPorts(1)[0];
		this.app = new AppComponent("gateway", settings(FakeApps.tree(this.dir.resolve("src")), List.of("-Xmx32m"),
				Map.of("FLASHSALE_GATEWAY_PORT", Integer.toString(port))));
		this.app.start();
		long firstPid = this.app.state().pid();

		this.app.kill();

		assertThat(ProcessHandle.of(firstPid).filter(ProcessHandle::isAlive)).isEmpty();
		assertThat(this.app.unexpectedExitCode()).isEmpty();
		this.app.start();
		assertThat(this.app.state().pid()).isNotEqualTo(firstPid);
		assertThat(this.app.readiness()).isEqualTo(200);
	}

	@Test
	void aFailedStartNamesTheAppAndEndsWithItsLog() throws Exception {
		this.app = new AppComponent("payment-service",
				settings(FakeApps.tree(this.dir.resolve("src")), List.of("-Xmx32m", "-Dfake.fail=true"),
						Map.of("FLASHSALE_PAYMENT_PORT", Integer.toString(Ports.freeLoopbackPorts(1)[0]))));

		assertThatExceptionOfType(ComponentFailure.class).isThrownBy(this.app::start)
			.withMessageStartingWith("payment-service exited with code 3 before answering on 127.0.0.1:")
			.withMessageContaining("--- last lines of " + this.dir.resolve("home/logs/payment-service.log"))
			.withMessageContaining("fake payment-service failing on purpose");
	}

	@Test
	void anAppThatIsNotBuiltIsNamed() {
		this.app = new AppComponent("gateway", settings(this.dir.resolve("empty"), List.of(), Map.of()));

		assertThatExceptionOfType(ComponentFailure.class).isThrownBy(this.app::start)
			.withMessageStartingWith(
					"gateway is not built (no " + this.dir.resolve("empty/gateway/target/gateway-test.jar"));
	}

	@Test
	void javaOptionsComeFromTheEnvironmentWithADefault() {
		Path home = this.dir.resolve("home");
		assertThat(AppSettings.of(home, this.dir, "v", Map.of()).javaOptions())
			.containsExactly(AppSettings.DEFAULT_JAVA_OPTIONS.split(" "));
		assertThat(AppSettings.of(home, this.dir, "v", Map.of("FLASHSALE_JAVA_OPTS", " -Xmx1g  -Xss1m ")).javaOptions())
			.containsExactly("-Xmx1g", "-Xss1m");
	}

	private AppSettings settings(Path root, List<String> javaOptions, Map<String, String> environment) {
		return new AppSettings(this.dir.resolve("home"), root, FakeApps.VERSION, JAVA, javaOptions, environment);
	}

}
