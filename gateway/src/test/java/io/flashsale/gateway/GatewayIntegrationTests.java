package io.flashsale.gateway;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.flashsale.platform.security.LocalTokens;
import io.flashsale.testsupport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway on real Redis, routing to a downstream HTTP server that echoes what it
 * received.
 */
@IntegrationTest
class GatewayIntegrationTests {

	private static final HttpServer downstream = echoServer();

	@DynamicPropertySource
	static void routeToEcho(DynamicPropertyRegistry registry) {
		registry.add("flashsale.routes.order-service", () -> "http://127.0.0.1:" + downstream.getAddress().getPort());
	}

	@AfterAll
	static void stopEcho() {
		downstream.stop(0);
	}

	@Autowired
	LocalTokens tokens;

	@LocalServerPort
	int port;

	@Test
	void isReadyWithRedis() {
		ResponseEntity<String> readiness = get("/actuator/health/readiness", null, Map.of());
		assertThat(readiness.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(readiness.getBody()).contains("\"redis\"").doesNotContain("DOWN");
	}

	@Test
	void rejectsShoppersWithoutATokenBeforeRouting() {
		ResponseEntity<String> response = get("/api/orders/1", null, Map.of());
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(response.getBody()).contains("\"code\":\"unauthenticated\"");
	}

	@Test
	void relaysTheTokenAndStripsClientSuppliedInternalHeaders() {
		String token = this.tokens.user("alice");
		ResponseEntity<String> response = get("/api/orders/1", token,
				Map.of("X-User-Id", "mallory", "X-Traffic-Mark", "shadow"));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody()).contains("authorization: Bearer " + token)
			.doesNotContain("mallory")
			.doesNotContain("x-traffic-mark");
	}

	@Test
	void keepsActuatorAndAdminApisForAdmins() {
		assertThat(get("/actuator/metrics", this.tokens.user("alice"), Map.of()).getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(get("/actuator/metrics", this.tokens.admin("ops"), Map.of()).getStatusCode())
			.isEqualTo(HttpStatus.OK);
		assertThat(get("/api/admin/anything", this.tokens.user("alice"), Map.of()).getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
	}

	@Test
	void exportsPrometheusMetricsWithCommonTags() {
		assertThat(get("/actuator/prometheus", null, Map.of()).getBody()).contains("application=\"gateway\"");
	}

	private ResponseEntity<String> get(String path, String token, Map<String, String> headers) {
		return RestClient.create("http://127.0.0.1:" + this.port).get().uri(path).headers((h) -> {
			headers.forEach(h::set);
			if (token != null) {
				h.setBearerAuth(token);
			}
		}).retrieve().onStatus((status) -> true, (request, response) -> {
		}).toEntity(String.class);
	}

	private static HttpServer echoServer() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/", (exchange) -> {
				String headers = exchange.getRequestHeaders()
					.entrySet()
					.stream()
					.map((e) -> e.getKey().toLowerCase() + ": " + String.join(",", e.getValue()))
					.collect(Collectors.joining("\n"));
				byte[] body = headers.getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
