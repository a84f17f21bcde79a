package io.flashsale.configserver.board;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.flashsale.configserver.ConfigServerTest;
import io.flashsale.platform.security.LocalTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's live sale board against a real Prometheus (Debian's package; the test
 * command installs it) scraping this config server: while Prometheus is down the board
 * says so and shows no figure; once it scrapes, the board shows what it measured (the
 * config server's own p99) and empty figures for what has not happened (no purchase yet).
 */
@ConfigServerTest
class SaleBoardIntegrationTests {

	private static final int PROMETHEUS_PORT = freePort();

	@DynamicPropertySource
	static void prometheus(DynamicPropertyRegistry registry) {
		registry.add("flashsale.console.prometheus-url", () -> "http://127.0.0.1:" + PROMETHEUS_PORT);
	}

	@LocalServerPort
	int port;

	@Autowired
	LocalTokens tokens;

	@Autowired
	SaleBoard board;

	private Process prometheus;

	@AfterEach
	void stopPrometheus() throws InterruptedException {
		if (this.prometheus != null) {
			this.prometheus.destroy();
			this.prometheus.waitFor();
		}
	}

	@Test
	void saysPrometheusIsDownThenShowsWhatItScraped() throws Exception {
		// Under target/, so its log and data stay for a look when this fails.
		Path dir = Path.of("target", "sale-board-prometheus").toAbsolutePath();
		org.springframework.util.FileSystemUtils.deleteRecursively(dir);
		Files.createDirectories(dir);
		SaleBoard.Board down = this.board.read();
		assertThat(down.available()).isFalse();
		assertThat(down.figures()).isEmpty();
		assertThat(down.problem()).contains("does not answer");

		this.prometheus = startPrometheus(dir);
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		SaleBoard.Board up = this.board.read();
		while (!up.available() || up.figures().get("p99Seconds").isEmpty()) {
			assertThat(System.nanoTime()).as("Prometheus scraped the config server within 60 s: %s", targets())
				.isLessThan(deadline);
			Thread.sleep(500);
			up = this.board.read();
		}

		assertThat(up.figures()).containsOnlyKeys(SaleBoard.FIGURES.keySet());
		List<SaleBoard.Sample> p99 = up.figures().get("p99Seconds");
		assertThat(p99).anySatisfy((sample) -> {
			assertThat(sample.labels()).containsEntry("application", "config-server");
			assertThat(sample.value()).isPositive().isLessThan(5.0);
		});
		assertThat(up.figures().get("ordersAcceptedPerSecond")).as("no purchase through this stack").isEmpty();
	}

	private Process startPrometheus(Path dir) throws IOException {
		Path binary = Path.of("/usr/bin/prometheus");
		assertThat(binary).as("prometheus (Debian package prometheus; ./flashsale test installs it)").isExecutable();
		Files.writeString(dir.resolve("token"), this.tokens.admin("prometheus"));
		Files.writeString(dir.resolve("prometheus.yml"), """
				global:
				  scrape_interval: 1s
				scrape_configs:
				  - job_name: flashsale
				    metrics_path: /actuator/prometheus
				    authorization:
				      type: Bearer
				      credentials_file: %s
				    static_configs:
				      - targets: ['127.0.0.1:%d']
				""".formatted(dir.resolve("token"), this.port));
		return new ProcessBuilder(binary.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
				"--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + PROMETHEUS_PORT)
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("prometheus.log").toFile())
			.start();
	}

	/** Prometheus' own account of its scrapes, for a failure's message. */
	private static String targets() {
		try {
			return java.net.http.HttpClient.newHttpClient()
				.send(java.net.http.HttpRequest
					.newBuilder(java.net.URI.create("http://127.0.0.1:" + PROMETHEUS_PORT + "/api/v1/targets"))
					.build(), java.net.http.HttpResponse.BodyHandlers.ofString())
				.body();
		}
		catch (Exception ex) {
			return ex.toString();
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
