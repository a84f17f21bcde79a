package io.flashsale.configserver.switches;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpServer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.configserver.AdminApi;
import io.flashsale.configserver.AdminApi.Answer;
import io.flashsale.configserver.ConfigServerApplication;
import io.flashsale.configserver.ConfigServerTest;
import io.flashsale.platform.degrade.ShedLevel;
import io.flashsale.platform.degrade.SwitchRefresher;
import io.flashsale.platform.degrade.LiveSwitches;
import io.flashsale.platform.degrade.Switch;
import io.flashsale.platform.security.LocalTokens;
import io.flashsale.switchclient.BusAnnouncements;
import io.flashsale.switchclient.SwitchClientApplication;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.bus.BusProperties;
import org.springframework.cloud.bus.event.Destination;
import org.springframework.cloud.bus.event.RefreshRemoteApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A switch change reaching running services, on real servers in one JVM: the config
 * server (the shared test context, or one of its own where the test stops it) and
 * instances of {@link SwitchClientApplication}, each its own Spring Boot application with
 * the platform starter, importing {@code optional:configserver:} and on the bus over the
 * same real Kafka. Each test starts from the shipped defaults (shed {@code none}) and
 * logs the propagation time it measured; the bounds asserted are the promises (bus within
 * 5 s, poll within the interval plus a margin), not benchmarks.
 */
@ConfigServerTest
class SwitchPropagationIntegrationTests {

	private static final Logger log = LoggerFactory.getLogger(SwitchPropagationIntegrationTests.class);

	private static final String VERSION = "config.client.version";

	@LocalServerPort
	int port;

	@Autowired
	LocalTokens tokens;

	@Autowired
	KafkaConnectionDetails kafka;

	@Autowired
	ApplicationEventPublisher publisher;

	@Autowired
	BusProperties bus;

	@Autowired
	Destination.Factory destinations;

	private final List<ConfigurableApplicationContext> started = new ArrayList<>();

	@BeforeEach
	void startFromTheShippedDefaults() {
		assertThat(rollback(this.port, 0).status()).isEqualTo(200);
	}

	@AfterEach
	void stopEverythingStartedAndRestoreTheDefaults() {
		List<ConfigurableApplicationContext> contexts = new ArrayList<>(this.started);
		Collections.reverse(contexts);
		contexts.forEach(ConfigurableApplicationContext::close);
		this.started.clear();
		assertThat(rollback(this.port, 0).status()).isEqualTo(200);
	}

	@Test
	void twoInstancesOfAServiceApplyAChangeOverTheBusWithinFiveSeconds() {
		ConfigurableApplicationContext a = startClient("a", this.port, Duration.ofHours(1), true);
		ConfigurableApplicationContext b = startClient("b", this.port, Duration.ofHours(1), true);
		assertThat(switches(a).shed()).isEqualTo(ShedLevel.NONE);
		assertThat(switches(b).shed()).isEqualTo(ShedLevel.NONE);
		awaitBusConsumers(a, b);

		long since = System.nanoTime();
		long version = set(this.port, Switch.SHED.key(), "non-core").body().get("version").asLong();
		Map<String, Duration> reached = awaitShed(Map.of("a", a, "b", b), ShedLevel.NON_CORE, since,
				Duration.ofSeconds(5));

		log.info("Switch version {} reached instance a in {} ms and b in {} ms over the bus (poll interval 1h)",
				version, millis(reached.get("a")), millis(reached.get("b")));
		assertThat(reached).as("instances that applied shed=non-core within 5 s").containsOnlyKeys("a", "b");
		for (ConfigurableApplicationContext client : List.of(a, b)) {
			assertThat(client.getEnvironment().getProperty(Switch.SHED.key())).isEqualTo("non-core");
			assertThat(client.getEnvironment().getProperty(VERSION)).isEqualTo(Long.toString(version));
			assertThat(client.getBean(MeterRegistry.class).get("flashsale.switches.version").gauge().value())
				.as("the loaded version as ops see it")
				.isEqualTo(version);
			assertThat(awaitRefreshes(client, "bus", 1)).isEqualTo(1);
			assertThat(refreshes(client, "poll")).isZero();
		}
	}

	@Test
	void aChangeAppliesByPollingWithinThreeSecondsWhileTheBusIsDown() {
		ConfigurableApplicationContext client = startClient("poller", this.port, Duration.ofSeconds(1), false);
		assertThat(switches(client).shed()).isEqualTo(ShedLevel.NONE);

		long since = System.nanoTime();
		long version = set(this.port, Switch.SHED.key(), "non-core").body().get("version").asLong();
		Map<String, Duration> reached = awaitShed(Map.of("poller", client), ShedLevel.NON_CORE, since,
				Duration.ofSeconds(3));

		log.info("Switch version {} reached the instance without a bus in {} ms by polling every 1 s", version,
				millis(reached.get("poller")));
		assertThat(reached).as("instance that applied shed=non-core within 3 s").containsOnlyKeys("poller");
		assertThat(client.getEnvironment().getProperty(VERSION)).isEqualTo(Long.toString(version));
		assertThat(awaitRefreshes(client, "poll", 1)).isEqualTo(1);
		assertThat(refreshes(client, "bus")).isZero();
	}

	@Test
	void anInstanceKeepsItsLastValuesWhileTheConfigServerIsDown(@TempDir Path state) {
		ConfigurableApplicationContext server = startConfigServer(state);
		int serverPort = server.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		ConfigurableApplicationContext client = startClient("outage", serverPort, Duration.ofMillis(500), false);
		assertThat(switches(client).shed()).isEqualTo(ShedLevel.NONE);
		long since = System.nanoTime();
		long version = set(serverPort, Switch.SHED.key(), "non-core").body().get("version").asLong();
		Map<String, Duration> reached = awaitShed(Map.of("outage", client), ShedLevel.NON_CORE, since,
				Duration.ofSeconds(3));
		assertThat(reached).containsOnlyKeys("outage");
		assertThat(awaitRefreshes(client, "poll", 1)).isEqualTo(1);
		log.info("Switch version {} reached the instance in {} ms by polling every 500 ms", version,
				millis(reached.get("outage")));

		server.close();

		SwitchRefresher refresher = client.getBean(SwitchRefresher.class);
		assertThat(refresher.refreshIfChanged("test")).as("a refresh attempt with the server down").isFalse();
		// Three more poll cycles against the dead server must not drop the served values.
		sleep(Duration.ofMillis(1500));
		assertThat(switches(client).shed()).isEqualTo(ShedLevel.NON_CORE);
		assertThat(client.getEnvironment().getProperty(Switch.SHED.key())).isEqualTo("non-core");
		assertThat(client.getEnvironment().getProperty(VERSION)).isEqualTo(Long.toString(version));
		assertThat(refreshes(client, "poll")).isEqualTo(1);
	}

	@Test
	void anInstanceStartedWhileTheConfigServerIsAbsentStartsOnTheCodeDefaults() throws IOException {
		int nobody;
		try (ServerSocket socket = new ServerSocket(0)) {
			nobody = socket.getLocalPort();
		}
		set(this.port, Switch.SHED.key(), "non-core");

		ConfigurableApplicationContext client = startClient("alone", nobody, Duration.ofHours(1), true);

		assertThat(client.getEnvironment().getProperty(Switch.SHED.key())).as("nothing served").isNull();
		assertThat(client.getEnvironment().getProperty(VERSION)).isNull();
		assertThat(switches(client).shed()).isEqualTo(ShedLevel.NONE);
		assertThat(switches(client).saleKill()).isFalse();
		assertThat(switches(client).passiveCancel()).isTrue();
		assertThat(client.getBean(SwitchRefresher.class).refreshIfChanged("test")).isFalse();
		assertThat(switches(client).shed()).isEqualTo(ShedLevel.NONE);
	}

	/**
	 * The server answers its version but then fails the configuration request itself (it
	 * died in between, or its backend failed). The refresh fails fast instead of loading
	 * nothing: the instance keeps its served values and counts the failure.
	 */
	@Test
	void anInstanceKeepsItsLastValuesWhenTheServerAnswersItsVersionButNotItsConfiguration() throws IOException {
		set(this.port, Switch.SHED.key(), "non-core");
		AtomicBoolean halfUp = new AtomicBoolean();
		HttpServer proxy = halfUpProxy(this.port, halfUp);
		try {
			ConfigurableApplicationContext client = startClient("half-up", proxy.getAddress().getPort(),
					Duration.ofHours(1), false);
			assertThat(switches(client).shed()).isEqualTo(ShedLevel.NON_CORE);
			String loaded = client.getEnvironment().getProperty(VERSION);

			halfUp.set(true);
			assertThat(client.getBean(SwitchRefresher.class).refreshIfChanged("test"))
				.as("a refresh that did not load the announced version")
				.isFalse();

			assertThat(switches(client).shed()).isEqualTo(ShedLevel.NON_CORE);
			assertThat(client.getEnvironment().getProperty(Switch.SHED.key())).isEqualTo("non-core");
			assertThat(client.getEnvironment().getProperty(VERSION)).isEqualTo(loaded);
			Counter failures = client.getBean(MeterRegistry.class)
				.find("flashsale.switches.refresh.failures")
				.tag("trigger", "test")
				.counter();
			assertThat(failures).isNotNull();
			assertThat(failures.count()).isEqualTo(1);
		}
		finally {
			proxy.stop(0);
		}
	}

	/**
	 * Forwards to the config server until {@code halfUp} is set; then it announces a new
	 * version but answers every configuration request with 500.
	 */
	private static HttpServer halfUpProxy(int serverPort, AtomicBoolean halfUp) throws IOException {
		HttpClient http = HttpClient.newHttpClient();
		HttpServer proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		proxy.createContext("/", (exchange) -> {
			byte[] body;
			int status;
			String path = exchange.getRequestURI().toString();
			if (halfUp.get()) {
				status = path.startsWith("/api/switches/version") ? 200 : 500;
				body = (status == 200) ? "{\"version\":999999}".getBytes(StandardCharsets.UTF_8) : new byte[0];
				exchange.getResponseHeaders().set("Content-Type", "application/json");
			}
			else {
				try {
					HttpRequest.Builder request = HttpRequest
						.newBuilder(URI.create("http://127.0.0.1:" + serverPort + path))
						.header("Accept", "application/json");
					// The config clients' credentials.
					String authorization = exchange.getRequestHeaders().getFirst("Authorization");
					if (authorization != null) {
						request.header("Authorization", authorization);
					}
					HttpResponse<byte[]> forwarded = http.send(request.GET().build(),
							HttpResponse.BodyHandlers.ofByteArray());
					status = forwarded.statusCode();
					body = forwarded.body();
					forwarded.headers()
						.firstValue("Content-Type")
						.ifPresent((type) -> exchange.getResponseHeaders().set("Content-Type", type));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					status = 503;
					body = new byte[0];
				}
			}
			exchange.sendResponseHeaders(status, (body.length == 0) ? -1 : body.length);
			if (body.length > 0) {
				exchange.getResponseBody().write(body);
			}
			exchange.close();
		});
		proxy.start();
		return proxy;
	}

	/**
	 * Starts an instance of the tiny service. Its own configuration file name keeps the
	 * config server's application.yml (on this classpath) out of it.
	 */
	private ConfigurableApplicationContext startClient(String instance, int serverPort, Duration pollInterval,
			boolean busEnabled) {
		ConfigurableApplicationContext client = new SpringApplicationBuilder(SwitchClientApplication.class)
			.main(SwitchClientApplication.class)
			.web(WebApplicationType.NONE)
			.run("--spring.profiles.active=local", "--spring.config.name=switch-client",
					"--spring.application.name=switch-client",
					"--spring.config.import=optional:configserver:http://127.0.0.1:" + serverPort,
					"--spring.cloud.config.enabled=true", "--spring.kafka.bootstrap-servers=" + kafkaServers(),
					"--spring.cloud.bus.enabled=" + busEnabled, "--spring.cloud.bus.id=switch-client:" + instance,
					"--flashsale.switches.poll-interval=" + pollInterval.toMillis() + "ms");
		this.started.add(client);
		return client;
	}

	/**
	 * The config server application with its own state folder, for a test that stops it.
	 */
	private ConfigurableApplicationContext startConfigServer(Path state) {
		ConfigurableApplicationContext server = new SpringApplicationBuilder(ConfigServerApplication.class)
			.main(ConfigServerApplication.class)
			.run("--spring.profiles.active=local", "--server.port=0", "--spring.cloud.config.enabled=false",
					"--spring.cloud.config.server.native.search-locations=file:../config-repo/",
					"--flashsale.config.state-dir=" + state.toAbsolutePath(),
					"--spring.kafka.bootstrap-servers=" + kafkaServers(), "--spring.cloud.bus.id=config-server:outage");
		this.started.add(server);
		return server;
	}

	/**
	 * Waits until every instance's bus consumer receives an announcement: the bus reads
	 * from the latest offset, so a change announced before an instance's consumer has its
	 * partitions would never reach it. The probe is the config server's own announcement
	 * with no new version, which costs each instance one version request and no refresh.
	 */
	private void awaitBusConsumers(ConfigurableApplicationContext... clients) {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (!allReceivedAnAnnouncement(clients)) {
			assertThat(System.nanoTime()).as("bus consumers live within 30 s").isLessThan(deadline);
			this.publisher.publishEvent(
					new RefreshRemoteApplicationEvent(this, this.bus.getId(), this.destinations.getDestination(null)));
			sleep(Duration.ofMillis(500));
		}
	}

	private static boolean allReceivedAnAnnouncement(ConfigurableApplicationContext... clients) {
		for (ConfigurableApplicationContext client : clients) {
			if (client.getBean(BusAnnouncements.class).received() == 0) {
				return false;
			}
		}
		return true;
	}

	/**
	 * How long after {@code since} each instance first read the shed level; instances
	 * that did not within the limit are missing from the answer.
	 */
	private static Map<String, Duration> awaitShed(Map<String, ConfigurableApplicationContext> clients, ShedLevel level,
			long since, Duration limit) {
		Map<String, Duration> reached = new LinkedHashMap<>();
		long deadline = since + limit.toNanos();
		while (reached.size() < clients.size() && System.nanoTime() < deadline) {
			clients.forEach((name, client) -> {
				if (!reached.containsKey(name) && switches(client).shed() == level) {
					reached.put(name, Duration.ofNanos(System.nanoTime() - since));
				}
			});
			sleep(Duration.ofMillis(10));
		}
		return reached;
	}

	private static LiveSwitches switches(ConfigurableApplicationContext client) {
		return client.getBean("flashsaleSwitches", LiveSwitches.class);
	}

	/**
	 * The refresh count once it reaches {@code expected} or a second has passed: a
	 * refreshed value is readable a moment before the refresher counts the refresh.
	 */
	private static double awaitRefreshes(ConfigurableApplicationContext client, String trigger, double expected) {
		long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
		while (refreshes(client, trigger) < expected && System.nanoTime() < deadline) {
			sleep(Duration.ofMillis(10));
		}
		return refreshes(client, trigger);
	}

	private static double refreshes(ConfigurableApplicationContext client, String trigger) {
		Counter counter = client.getBean(MeterRegistry.class)
			.find("flashsale.switches.refreshes")
			.tag("trigger", trigger)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private Answer set(int serverPort, String key, Object value) {
		Answer answer = new AdminApi(serverPort).call(HttpMethod.PUT, "/api/admin/switches/" + key,
				Map.of("value", value, "reason", "switch propagation test"), this.tokens.admin("ops-alice"));
		assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
		return answer;
	}

	private Answer rollback(int serverPort, long version) {
		return new AdminApi(serverPort).call(HttpMethod.POST, "/api/admin/switches/rollback",
				Map.of("version", version, "reason", "switch propagation test starts from the shipped defaults"),
				this.tokens.admin("ops-alice"));
	}

	private String kafkaServers() {
		return String.join(",", this.kafka.getBootstrapServers());
	}

	private static long millis(Duration duration) {
		return (duration != null) ? duration.toMillis() : -1;
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
