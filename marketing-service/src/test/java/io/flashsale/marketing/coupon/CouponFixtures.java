package io.flashsale.marketing.coupon;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.flashsale.platform.security.JwtProperties;
import io.flashsale.platform.security.LocalTokens;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP and database helpers for the coupon integration tests: real requests to the
 * running service (on the JDK client, which never repeats a POST by itself), templates
 * created through the admin API, and reads of what Redis and MariaDB hold.
 */
final class CouponFixtures {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	private final LocalTokens tokens;

	private final JdbcTemplate jdbc;

	CouponFixtures(int port, LocalTokens tokens, JdbcTemplate jdbc) {
		this.base = "http://127.0.0.1:" + port;
		this.tokens = tokens;
		this.jdbc = jdbc;
	}

	/**
	 * A FIXED 5.00-off template whose window opened a minute ago and closes in an hour.
	 */
	static Map<String, Object> template(int stock, int perUserLimit) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		return template(stock, perUserLimit, now.minusSeconds(60), now.plusSeconds(3600));
	}

	static Map<String, Object> template(int stock, int perUserLimit, Instant claimStartsAt, Instant claimEndsAt) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", "5 off");
		body.put("kind", "FIXED");
		body.put("amountOffCents", 500);
		body.put("minimumSpendCents", 2000);
		body.put("scope", "PLATFORM");
		body.put("totalStock", stock);
		body.put("perUserLimit", perUserLimit);
		body.put("claimStartsAt", claimStartsAt.toString());
		body.put("claimEndsAt", claimEndsAt.toString());
		body.put("validDays", 7);
		return body;
	}

	/** Creates the template as an admin; returns its id. */
	long create(Map<String, Object> body) {
		HttpResponse<String> created = createAs(body, this.tokens.admin("ops"));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return JSON.readTree(created.body()).path("id").asLong();
	}

	HttpResponse<String> createAs(Map<String, Object> body, String token) {
		return send(HttpRequest.newBuilder(URI.create(this.base + "/api/admin/coupon-templates"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), token);
	}

	HttpResponse<String> claim(long templateId, String token, String idempotencyKey) {
		return claim(Long.toString(templateId), token, idempotencyKey);
	}

	HttpResponse<String> claim(String templateId, String token, String idempotencyKey) {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create(this.base + "/api/coupons/" + templateId + "/claims"))
			.POST(HttpRequest.BodyPublishers.noBody());
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return send(request, token);
	}

	HttpResponse<String> get(String path, String token) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path)).GET(), token);
	}

	private HttpResponse<String> send(HttpRequest.Builder request, String token) {
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		try {
			return this.client.send(request.timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	String user(String userId) {
		return this.tokens.user(userId);
	}

	/** A well-formed token signed with a key the service does not trust. */
	static String foreignToken(String userId) {
		return new LocalTokens(new JwtProperties("a-secret-no-flashsale-service-knows-0123456789", null, null,
				"flashsale-local", null), Duration.ofMinutes(5))
			.user(userId);
	}

	int rows(long templateId) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM coupon WHERE template_id = ?", Integer.class, templateId);
	}

	/**
	 * Waits up to 30 s for the writer to have stored {@code count} coupons of the
	 * template.
	 */
	void awaitRows(long templateId, int count) throws InterruptedException {
		await(() -> rows(templateId) >= count, count + " coupons of template " + templateId + " stored");
	}

	static void await(BooleanSupplier condition, String what) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Timed out waiting for: " + what);
			}
			Thread.sleep(50);
		}
	}

	static JsonNode body(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	static void assertProblem(HttpResponse<String> response, int status, String code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = body(response);
		assertThat(problem.path("code").asString()).isEqualTo(code);
		assertThat(problem.path("type").asString()).isEqualTo("https://flashsale.dev/problems/" + code);
		assertThat(problem.path("status").asInt()).isEqualTo(status);
	}

}
