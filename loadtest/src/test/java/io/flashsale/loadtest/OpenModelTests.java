package io.flashsale.loadtest;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.flashsale.loadtest.OpenModel.Outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The engine against a JDK HTTP server on a free port, answering after a fixed delay.
 * Rates and durations are small so that the test also passes on a busy 2-core machine.
 */
class OpenModelTests {

	private HttpServer server;

	private ExecutorService serverThreads;

	private final AtomicInteger requests = new AtomicInteger();

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.stop(0);
			this.serverThreads.shutdownNow();
		}
	}

	@Test
	void sendsExactlyRateTimesSecondsAndCountsTheAnswers() {
		URI target = serve(8, Duration.ZERO, (exchange) -> answer(exchange, 200, "{\"ok\":true}", false));
		try (OpenModel model = new OpenModel(target, 10, 1, Duration.ofSeconds(10), Duration.ZERO)) {
			OpenModel.Step step = model.run(200, Duration.ofSeconds(2), Requests.get(target, "/ping", "a-token"),
					(outcome) -> outcome.status() == 200);
			assertThat(step.scheduled()).isEqualTo(400);
			assertThat(step.sent()).isEqualTo(400);
			assertThat(step.succeeded()).isEqualTo(400);
			assertThat(step.answers()).containsExactly(Map.entry(new Outcome(200, ""), 400L));
			assertThat(this.requests).hasValue(400);
			assertThat(step.achieved()).isBetween(190.0, 201.0);
			assertThat(step.cpuMicrosPerRequest()).isPositive();
		}
	}

	@Test
	void splitsTheScheduleAcrossEventLoopsAndReleasesDueRequestsByTheTick() {
		URI target = serve(8, Duration.ZERO, (exchange) -> answer(exchange, 200, "{}", false));
		try (OpenModel model = new OpenModel(target, 5, 2, Duration.ofSeconds(10), Duration.ofMillis(2))) {
			OpenModel.Step step = model.run(150, Duration.ofSeconds(1), Requests.get(target, "/ping", "t"),
					(outcome) -> outcome.status() == 200);
			assertThat(step.sent()).isEqualTo(150);
			assertThat(step.succeeded()).isEqualTo(150);
			assertThat(this.requests).hasValue(150);
		}
	}

	@Test
	void countsQueueingBeforeTheSendAsLatency() {
		// One connection to a server that takes 20 ms per answer can carry 50/s; at
		// 100/s request i waits for the i before it, so latency grows by 10 ms a request.
		URI target = serve(1, Duration.ofMillis(20), (exchange) -> answer(exchange, 200, "{}", false));
		try (OpenModel model = new OpenModel(target, 1, 1, Duration.ofSeconds(10), Duration.ZERO)) {
			OpenModel.Step step = model.run(100, Duration.ofSeconds(1), Requests.get(target, "/slow", "t"),
					(outcome) -> outcome.status() == 200);
			assertThat(step.sent()).isEqualTo(100);
			assertThat(step.succeeded()).isEqualTo(100);
			// The last one is due at 0.99 s and answered after 100 x 20 ms = 2 s.
			assertThat(step.p50()).isGreaterThan(400);
			assertThat(step.max()).isGreaterThan(950);
			assertThat(step.achieved()).isLessThan(60);
			assertThat(step.keptUp(50)).isFalse();
		}
	}

	@Test
	void readsTheProblemCodeOfErrorAnswers() {
		AtomicInteger count = new AtomicInteger();
		URI target = serve(4, Duration.ZERO, (exchange) -> {
			switch (count.getAndIncrement() % 4) {
				case 0 -> answer(exchange, 409,
						"{\"type\":\"https://flashsale.io/problems/sold-out\",\"title\":\"Sold out\",\"status\":409,\"code\":\"sold-out\"}",
						false);
				case 1 -> answer(exchange, 503, "{\"code\":\"unavailable\",\"detail\":\"x\"}", false);
				case 2 -> answer(exchange, 404, "not json", false);
				default -> answer(exchange, 202, "{\"orderId\":\"1\",\"code\":\"not-an-error\"}", false);
			}
		});
		try (OpenModel model = new OpenModel(target, 1, 1, Duration.ofSeconds(10), Duration.ZERO)) {
			OpenModel.Step step = model.run(40, Duration.ofSeconds(1),
					Requests.purchase(target, "\"ref0\"", (i) -> Requests.ascii("token-" + i), "run1"),
					(outcome) -> outcome.status() == 409 && outcome.code().equals("sold-out"));
			assertThat(step.answers()).containsExactly(Map.entry(new Outcome(202, ""), 10L),
					Map.entry(new Outcome(404, ""), 10L), Map.entry(new Outcome(409, "sold-out"), 10L),
					Map.entry(new Outcome(503, "unavailable"), 10L));
			assertThat(step.succeeded()).isEqualTo(10);
			assertThat(step.serverErrors()).isEqualTo(10);
			assertThat(step.keptUp(1000)).isFalse();
		}
	}

	@Test
	void opensAgainAConnectionTheServerCloses() {
		URI target = serve(4, Duration.ZERO, (exchange) -> answer(exchange, 200, "{}", true));
		try (OpenModel model = new OpenModel(target, 2, 1, Duration.ofSeconds(10), Duration.ZERO)) {
			OpenModel.Step step = model.run(50, Duration.ofSeconds(1), Requests.get(target, "/ping", "t"),
					(outcome) -> outcome.status() == 200);
			assertThat(step.succeeded()).isEqualTo(50);
			assertThat(step.answers()).containsOnlyKeys(new Outcome(200, ""));
		}
	}

	@Test
	void givesUpOnAnswersThatNeverComeAndCountsThem() {
		URI target = serve(4, Duration.ofSeconds(5), (exchange) -> answer(exchange, 200, "{}", false));
		try (OpenModel model = new OpenModel(target, 2, 1, Duration.ofMillis(300), Duration.ZERO)) {
			OpenModel.Step step = model.run(10, Duration.ofSeconds(1), Requests.get(target, "/stuck", "t"),
					(outcome) -> outcome.status() == 200);
			assertThat(step.sent()).isEqualTo(2);
			assertThat(step.answers()).containsExactly(Map.entry(Outcome.NO_ANSWER, 2L),
					Map.entry(Outcome.NOT_SENT, 8L));
			assertThat(step.p50()).isGreaterThan(300);
			assertThat(step.keptUp(50)).isFalse();
		}
	}

	@Test
	void writesPurchasesWithTheirTokenAndAFreshIdempotencyKey() {
		List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
		URI target = serve(2, Duration.ZERO, (exchange) -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
					+ exchange.getRequestHeaders().getFirst("Authorization") + " "
					+ exchange.getRequestHeaders().getFirst("Idempotency-Key") + " " + body);
			answer(exchange, 202, "{}", false);
		});
		try (OpenModel model = new OpenModel(target, 1, 1, Duration.ofSeconds(10), Duration.ZERO)) {
			model.run(20, Duration.ofMillis(500),
					Requests.purchase(target, "42", (i) -> Requests.ascii("tok" + (i % 2)), "k7"),
					(outcome) -> outcome.status() == 202);
		}
		assertThat(seen).hasSize(10)
			.startsWith("POST /api/orders Bearer tok0 k7-0 {\"flashSaleId\":42,\"quantity\":1}",
					"POST /api/orders Bearer tok1 k7-1 {\"flashSaleId\":42,\"quantity\":1}")
			.endsWith("POST /api/orders Bearer tok1 k7-9 {\"flashSaleId\":42,\"quantity\":1}");
	}

	@Test
	void sendsAGivenCountAndHandsEachAnswerWithItsBodyToTheListener() {
		URI target = serve(4, Duration.ZERO, (exchange) -> {
			String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
			if (key.endsWith("-3")) {
				answer(exchange, 409, "{\"code\":\"sold-out\"}", false);
			}
			else {
				answer(exchange, 202, "{\"orderId\":\"" + key + "\"}", false);
			}
		});
		Map<Integer, String> bodies = new ConcurrentHashMap<>();
		Map<Integer, Outcome> outcomes = new ConcurrentHashMap<>();
		try (OpenModel model = new OpenModel(target, 2, 1, Duration.ofSeconds(10), Duration.ZERO)) {
			OpenModel.Step step = model.run(100, 25, Requests.purchase(target, "7", (i) -> Requests.ascii("t"), "k"),
					(outcome) -> outcome.status() == 202, (index, outcome, body) -> {
						bodies.put(index, body);
						outcomes.put(index, outcome);
					});
			assertThat(step.scheduled()).isEqualTo(25);
			assertThat(step.sent()).isEqualTo(25);
			assertThat(step.succeeded()).isEqualTo(24);
			assertThat(step.seconds()).isGreaterThanOrEqualTo(0.24);
		}
		assertThat(bodies).hasSize(25)
			.containsEntry(0, "{\"orderId\":\"k-0\"}")
			.containsEntry(24, "{\"orderId\":\"k-24\"}");
		assertThat(bodies.get(3)).isEqualTo("{\"code\":\"sold-out\"}");
		assertThat(outcomes.get(3)).isEqualTo(new Outcome(409, "sold-out"));
		assertThat(outcomes.get(4)).isEqualTo(new Outcome(202, ""));
	}

	@Test
	void opensTheConnectionsFromTheGivenSourceAddressesInTurn() throws Exception {
		// Every 127/8 address is the loopback on Linux; elsewhere only 127.0.0.1 may be.
		assumeTrue(System.getProperty("os.name").startsWith("Linux"));
		Set<String> peers = ConcurrentHashMap.newKeySet();
		URI target = serve(4, Duration.ZERO, (exchange) -> {
			peers.add(exchange.getRemoteAddress().getAddress().getHostAddress());
			answer(exchange, 200, "{}", false);
		});
		List<InetAddress> sources = List.of(InetAddress.getByName("127.0.0.2"), InetAddress.getByName("127.0.0.3"),
				InetAddress.getByName("127.0.0.4"));
		try (OpenModel model = new OpenModel(target, 3, 1, Duration.ofSeconds(10), Duration.ZERO, sources)) {
			OpenModel.Step step = model.run(300, Duration.ofMillis(200), Requests.get(target, "/ping", "t"),
					(outcome) -> outcome.status() == 200);
			assertThat(step.succeeded()).isEqualTo(60);
		}
		assertThat(peers).containsExactlyInAnyOrder("127.0.0.2", "127.0.0.3", "127.0.0.4");
	}

	private URI serve(int threads, Duration delay, Handler handler) {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.serverThreads = Executors.newFixedThreadPool(threads);
		this.server.setExecutor(this.serverThreads);
		this.server.createContext("/", (exchange) -> {
			this.requests.incrementAndGet();
			try {
				Thread.sleep(delay);
				handler.handle(exchange);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				exchange.close();
			}
		});
		this.server.start();
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	private static void answer(HttpExchange exchange, int status, String body, boolean close) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
		if (close) {
			exchange.getResponseHeaders().set("Connection", "close");
		}
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@FunctionalInterface
	private interface Handler {

		void handle(HttpExchange exchange) throws IOException;

	}

}
