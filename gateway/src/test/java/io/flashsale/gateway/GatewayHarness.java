package io.flashsale.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpServer;

import io.flashsale.platform.security.LocalTokens;
import io.flashsale.testsupport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

/**
 * One running gateway for every gateway test class (they share this configuration, so
 * Spring builds one context): real Redis from the dev stack, the committed
 * {@code config-repo/gateway.yml}, downstream echo servers for orders, payments and
 * inventory, and a closed port for marketing.
 *
 * <p>
 * The gateway trusts one proxy hop here, so each test picks its own client IP with
 * {@code X-Forwarded-For} and one test's IP bucket never throttles another's. Buckets are
 * small and cost several tokens per request against a replenish rate of one token a
 * second: the counts the tests assert then hold however slowly the requests go, as long
 * as they finish within a few seconds.
 */
@IntegrationTest
@TestPropertySource(properties = { "spring.config.additional-location=file:../config-repo/gateway.yml",
		"flashsale.gateway.rate-limits.trusted-proxy-hops=1",
		// Per IP: 10 requests, then 8 s until the next.
		"flashsale.gateway.rate-limits.ip.replenish-rate=1", "flashsale.gateway.rate-limits.ip.burst-capacity=80",
		"flashsale.gateway.rate-limits.ip.requested-tokens=8",
		// Per user: 2 purchases, then 10 s until the next.
		"flashsale.gateway.rate-limits.user.replenish-rate=1", "flashsale.gateway.rate-limits.user.burst-capacity=20",
		"flashsale.gateway.rate-limits.user.requested-tokens=10",
		// The payments route, for everyone: 1 request, then 9 s until the next.
		"flashsale.gateway.rate-limits.routes.payments.replenish-rate=1",
		"flashsale.gateway.rate-limits.routes.payments.burst-capacity=9",
		"flashsale.gateway.rate-limits.routes.payments.requested-tokens=9",
		// Blocked on the 3rd rejection within 10 s, for 2 s.
		"flashsale.gateway.blacklist.max-rejections=2", "flashsale.gateway.blacklist.window=10s",
		"flashsale.gateway.blacklist.block-duration=2s",
		// Inventory calls time out after 500 ms (the echo servers answer /slow after 2
		// s).
		"resilience4j.timelimiter.instances.inventory.timeout-duration=500ms",
		// The marketing breaker opens after 3 failed calls and stays open.
		"resilience4j.circuitbreaker.instances.marketing.sliding-window-type=COUNT_BASED",
		"resilience4j.circuitbreaker.instances.marketing.sliding-window-size=3",
		"resilience4j.circuitbreaker.instances.marketing.minimum-number-of-calls=3",
		"resilience4j.circuitbreaker.instances.marketing.wait-duration-in-open-state=60s" })
abstract class GatewayHarness {

	// Started once for the JVM and never stopped: the shared context's routes outlive any
	// one test class.
	static final HttpServer orders = echoServer("order-service");

	static final HttpServer payments = echoServer("payment-service");

	static final HttpServer inventory = echoServer("inventory-service");

	static final int closedPort = closedPort();

	/**
	 * The echo servers answer with {@code X-Flash-Sale-Closed} set to this header's
	 * value.
	 */
	static final String ECHO_SALE_CLOSED = "X-Echo-Sale-Closed";

	@DynamicPropertySource
	static void routeToDownstreams(DynamicPropertyRegistry registry) {
		registry.add("flashsale.routes.order-service", () -> url(orders));
		registry.add("flashsale.routes.payment-service", () -> url(payments));
		registry.add("flashsale.routes.inventory-service", () -> url(inventory));
		registry.add("flashsale.routes.marketing-service", () -> "http://127.0.0.1:" + closedPort);
	}

	private static final HttpClient HTTP_1_1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Autowired
	LocalTokens tokens;

	@LocalServerPort
	int port;

	/** This test's client address, unique so no other test shares its IP bucket. */
	final String ip = randomIp();

	ResponseEntity<String> get(String path, String token, Map<String, String> headers) {
		return call(HttpMethod.GET, path, token, this.ip, headers, null);
	}

	ResponseEntity<String> get(String path, String token) {
		return call(HttpMethod.GET, path, token, this.ip, Map.of(), null);
	}

	ResponseEntity<String> post(String path, String token, String body) {
		return call(HttpMethod.POST, path, token, this.ip, Map.of(), body);
	}

	ResponseEntity<String> call(HttpMethod method, String path, String token, String clientIp,
			Map<String, String> headers, String body) {
		RestClient.RequestBodySpec request = http().method(method).uri(path).headers((h) -> {
			headers.forEach(h::set);
			h.set("X-Forwarded-For", clientIp);
			if (token != null) {
				h.setBearerAuth(token);
			}
		});
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		return request.retrieve().toEntity(String.class);
	}

	/**
	 * A client that shows every answer as it came: the JDK's, since Apache HttpClient
	 * (also on the test classpath) silently retries 429 and 503 after their
	 * {@code Retry-After}.
	 */
	RestClient http() {
		return RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory(HTTP_1_1))
			.baseUrl("http://127.0.0.1:" + this.port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

	static String randomIp() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
	}

	/**
	 * Repeats a call until its result matches, for states that end by themselves (a block
	 * expiring); fails the test with the last result after the timeout.
	 */
	static <T> T poll(Supplier<T> call, Predicate<T> done, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		T last = call.get();
		while (!done.test(last) && System.nanoTime() < deadline) {
			sleep(Duration.ofMillis(100));
			last = call.get();
		}
		return last;
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String url(HttpServer server) {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	/**
	 * Answers 200 with what it received: its own name, the request line, the size of the
	 * body and the headers, one per line.
	 */
	private static HttpServer echoServer(String name) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/", (exchange) -> {
				if (exchange.getRequestURI().getPath().endsWith("/slow")) {
					sleep(Duration.ofSeconds(2));
				}
				int bodyBytes;
				try (InputStream body = exchange.getRequestBody()) {
					bodyBytes = body.readAllBytes().length;
				}
				String headers = exchange.getRequestHeaders()
					.entrySet()
					.stream()
					.map((e) -> e.getKey().toLowerCase() + ": " + String.join(",", e.getValue()))
					.collect(Collectors.joining("\n"));
				String echo = "service: " + name + "\nrequest: " + exchange.getRequestMethod() + " "
						+ exchange.getRequestURI().getRawPath() + "\nbody-bytes: " + bodyBytes + "\n" + headers;
				byte[] response = echo.getBytes(StandardCharsets.UTF_8);
				// As order-service names a sale that cannot sell in its refusal.
				String closed = exchange.getRequestHeaders().getFirst(ECHO_SALE_CLOSED);
				if (closed != null) {
					exchange.getResponseHeaders().set("X-Flash-Sale-Closed", closed);
				}
				exchange.sendResponseHeaders(200, response.length);
				exchange.getResponseBody().write(response);
				exchange.close();
			});
			// Slow answers must not hold up the others.
			server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
