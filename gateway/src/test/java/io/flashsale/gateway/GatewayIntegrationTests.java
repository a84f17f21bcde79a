package io.flashsale.gateway;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway on real Redis: authentication, routing (shopper and admin routes), the body
 * limit, circuit breakers with their fallbacks, and metrics.
 */
class GatewayIntegrationTests extends GatewayHarness {

	@Autowired
	CircuitBreakerRegistry breakers;

	@Autowired
	TimeLimiterRegistry timeLimiters;

	@Autowired
	BulkheadRegistry bulkheads;

	@Test
	void isReadyWithRedis() {
		ResponseEntity<String> readiness = get("/actuator/health/readiness", null);
		assertThat(readiness.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(readiness.getBody()).contains("\"redis\"").doesNotContain("DOWN");
	}

	@Test
	void rejectsShoppersWithoutATokenBeforeRouting() {
		ResponseEntity<String> response = get("/api/orders/1", null);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(response.getBody()).contains("\"code\":\"unauthenticated\"");
	}

	@Test
	void relaysTheTokenAndStripsClientSuppliedInternalHeaders() {
		String token = this.tokens.user("alice");
		ResponseEntity<String> response = get("/api/orders/1", token,
				Map.of("X-User-Id", "mallory", "X-Traffic-Mark", "shadow"));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody()).contains("service: order-service")
			.contains("authorization: Bearer " + token)
			.doesNotContain("mallory")
			.doesNotContain("x-traffic-mark");
	}

	@Test
	void keepsActuatorAndAdminApisForAdmins() {
		assertThat(get("/actuator/metrics", this.tokens.user("alice")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(get("/actuator/metrics", this.tokens.admin("ops")).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(get("/api/admin/anything", this.tokens.user("alice")).getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
	}

	@Test
	void forbidsAdminRoutesToShoppersBeforeRouting() {
		String shopper = this.tokens.user("alice");
		for (String path : new String[] { "/api/admin/skus/1", "/api/admin/flash-sale-stock/7",
				"/api/admin/flash-sales/3", "/api/admin/reconciliation/runs", "/api/orders/admin/anything" }) {
			ResponseEntity<String> response = get(path, shopper);
			assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.FORBIDDEN);
			assertThat(response.getHeaders().getContentType()).as(path).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(response.getBody()).as(path).contains("\"code\":\"forbidden\"").doesNotContain("service:");
		}
	}

	@Test
	void routesAdminApisToTheirServicesForAdmins() {
		String admin = this.tokens.admin("ops");
		assertThat(get("/api/admin/skus/1", admin).getBody()).contains("service: inventory-service")
			.contains("request: GET /api/admin/skus/1");
		assertThat(get("/api/admin/flash-sale-stock/7", admin).getBody()).contains("service: inventory-service")
			.contains("request: GET /api/admin/flash-sale-stock/7");
		assertThat(get("/api/admin/reconciliation/runs", admin).getBody()).contains("service: order-service")
			.contains("request: GET /api/admin/reconciliation/runs");
		// marketing-service is down in these tests: its admin route answers from its
		// breaker.
		ResponseEntity<String> marketing = get("/api/admin/flash-sales/3", admin);
		assertThat(marketing.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(marketing.getBody()).contains("\"code\":\"service-unavailable\"");
	}

	@Test
	void answersUnroutedAdminPathsWithNotFoundProblem() {
		ResponseEntity<String> response = get("/api/admin/nothing-here", this.tokens.admin("ops"));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getBody()).contains("\"code\":\"not-found\"");
	}

	@Test
	void neverReachesActuatorOrAdminApisThroughAShopperRoute() {
		String shopper = this.tokens.user("alice");
		for (String path : new String[] { "/api/orders/%2e%2e/%2e%2e/actuator/env",
				"/api/orders/..%2F..%2Factuator%2Fenv", "/api/skus/%2e%2e/admin/skus/1" }) {
			ResponseEntity<String> response = http().get()
				.uri(URI.create("http://127.0.0.1:" + this.port + path))
				.header("Authorization", "Bearer " + shopper)
				.header("X-Forwarded-For", this.ip)
				.retrieve()
				.toEntity(String.class);
			assertThat(response.getStatusCode().is4xxClientError()).as(path + " " + response.getStatusCode()).isTrue();
			assertThat(String.valueOf(response.getBody())).as(path).doesNotContain("service:");
		}
	}

	@Test
	void rejectsABodyOverTheLimitWithPayloadTooLargeProblem() {
		String body = "{\"pad\":\"" + "x".repeat(65 * 1024) + "\"}";
		ResponseEntity<String> response = post("/api/orders", this.tokens.user("alice"), body);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getBody()).contains("\"code\":\"payload-too-large\"")
			.contains("\"type\":\"https://flashsale.dev/problems/payload-too-large\"");
	}

	@Test
	void rejectsAChunkedBodyThatGrowsPastTheLimit() throws Exception {
		HttpResponse<String> response = chunkedPost(65 * 1024);
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.body()).contains("\"code\":\"payload-too-large\"");
	}

	@Test
	void forwardsAChunkedBodyWithinTheLimitWithItsLength() throws Exception {
		HttpResponse<String> response = chunkedPost(1024);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("service: order-service")
			.contains("body-bytes: 1024")
			.contains("content-length: 1024")
			.doesNotContain("transfer-encoding");
	}

	@Test
	void answersServiceUnavailableProblemWhenTheServiceIsDown() {
		ResponseEntity<String> response = get("/api/flash-sales/1", this.tokens.user("alice"));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(Long.parseLong(response.getHeaders().getFirst("Retry-After"))).isGreaterThanOrEqualTo(1);
		assertThat(response.getBody()).contains("\"code\":\"service-unavailable\"")
			.contains("\"status\":503")
			.doesNotContain("Connection refused")
			.doesNotContain("trace");
	}

	@Test
	void opensTheRoutesBreakerAfterRepeatedFailuresAndKeepsAnsweringFromTheFallback() {
		String shopper = this.tokens.user("carol");
		// The marketing breaker opens after 3 failed calls (test configuration); a POST's
		// body
		// reaches the fallback like a GET.
		for (int call = 1; call <= 4; call++) {
			ResponseEntity<String> response = call(HttpMethod.POST, "/api/coupons/9/claims", shopper, this.ip, Map.of(),
					"{}");
			assertThat(response.getStatusCode()).as("call %d", call).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
			assertThat(response.getBody()).as("call %d", call).contains("\"code\":\"service-unavailable\"");
		}
		String scrape = get("/actuator/prometheus", this.tokens.admin("ops")).getBody();
		assertThat(scrape).containsPattern(
				"resilience4j_circuitbreaker_state\\{[^}]*name=\"marketing\"[^}]*state=\"open\"[^}]*} 1\\.0");
		// An open breaker tells the caller when it lets the next call through.
		ResponseEntity<String> open = get("/api/flash-sales/1", shopper);
		assertThat(open.getHeaders().getFirst("Retry-After")).isEqualTo("60");
	}

	@Test
	void answersGatewayTimeoutProblemWhenTheServiceIsTooSlow() {
		ResponseEntity<String> response = get("/api/skus/slow", this.tokens.user("alice"));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getBody()).contains("\"code\":\"upstream-timeout\"").doesNotContain("service:");
	}

	@Test
	void givesEveryRouteABreakerAndOrderPlacementTheLongestShopperTimeLimit() {
		for (String route : new String[] { "orders", "payments", "payment-callbacks", "marketing", "inventory",
				"admin-inventory", "admin-marketing", "admin-orders", "admin-payments" }) {
			assertThat(this.breakers.find(route)).as(route).isPresent();
			assertThat(this.timeLimiters.find(route)).as(route).isPresent();
		}
		assertThat(this.timeLimiters.timeLimiter("orders").getTimeLimiterConfig().getTimeoutDuration())
			.isEqualTo(Duration.ofSeconds(12));
		// Past payment-service's own worst case for a start: order lookup 3 s + channel 3
		// s.
		assertThat(this.timeLimiters.timeLimiter("payments").getTimeLimiterConfig().getTimeoutDuration())
			.isEqualTo(Duration.ofSeconds(8));
		assertThat(this.breakers.circuitBreaker("orders")
			.getCircuitBreakerConfig()
			.getWaitIntervalFunctionInOpenState()
			.apply(1)).isEqualTo(10_000L);
		// The bulkhead Spring Cloud CircuitBreaker adds must not cap a sale at 25 calls.
		assertThat(this.bulkheads.bulkhead("orders").getBulkheadConfig().getMaxConcurrentCalls()).isEqualTo(1000);
		assertThat(this.bulkheads.bulkhead("payments").getBulkheadConfig().getMaxConcurrentCalls()).isEqualTo(500);
	}

	@Test
	void exportsPrometheusMetricsWithCommonTagsAndBreakerStates() {
		String scrape = get("/actuator/prometheus", this.tokens.admin("ops")).getBody();
		assertThat(scrape).contains("application=\"gateway\"")
			.containsPattern("resilience4j_circuitbreaker_state\\{[^}]*name=\"orders\"")
			.containsPattern("resilience4j_circuitbreaker_state\\{[^}]*name=\"admin-orders\"")
			.contains("flashsale_gateway_rate_limited_total")
			.contains("flashsale_gateway_blacklisted_total");
	}

	@Test
	void passesPaymentChannelCallbacksWithoutATokenButNothingElseOfPayments() {
		ResponseEntity<String> callback = post("/api/payments/callbacks/sandpay", null, "{\"tradeNo\":\"t1\"}");
		assertThat(callback.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(callback.getBody()).contains("service: payment-service")
			.contains("request: POST /api/payments/callbacks/sandpay");
		assertThat(get("/api/payments/callbacks/sandpay", null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(post("/api/payments", null, "{}").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(get("/api/admin/payments/reconciliation", this.tokens.user("alice")).getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
	}

	@Test
	void keepsTheFallbackForInternalForwardsOnly() {
		assertThat(get("/fallback/orders", this.tokens.user("alice")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(get("/fallback/orders", null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	private HttpResponse<String> chunkedPost(int bytes) throws Exception {
		byte[] body = new byte[bytes];
		java.util.Arrays.fill(body, (byte) 'x');
		try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/orders"))
				.header("Authorization", "Bearer " + this.tokens.user("alice"))
				.header("X-Forwarded-For", this.ip)
				.header("Content-Type", "application/octet-stream")
				// A body of unknown length goes out chunked.
				.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
				.build();
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
	}

}
