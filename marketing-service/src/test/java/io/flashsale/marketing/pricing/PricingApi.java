package io.flashsale.marketing.pricing;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running service's quote and promotion endpoints, as a client sees them. On the JDK
 * client, so a 503 is never retried under the test's feet.
 */
final class PricingApi {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final RestClient http;

	PricingApi(int port) {
		this.http = RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory())
			.baseUrl("http://127.0.0.1:" + port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

	ResponseEntity<String> post(String path, String token, Object body) {
		String json = (body instanceof String text) ? text : JSON.writeValueAsString(body);
		return this.http.post().uri(path).contentType(MediaType.APPLICATION_JSON).headers((headers) -> {
			if (token != null) {
				headers.setBearerAuth(token);
			}
		}).body(json).retrieve().toEntity(String.class);
	}

	ResponseEntity<String> get(String path, String token) {
		return this.http.get().uri(path).headers((headers) -> {
			if (token != null) {
				headers.setBearerAuth(token);
			}
		}).retrieve().toEntity(String.class);
	}

	/** Creates a promotion as an admin and answers its id. */
	long promotion(String adminToken, Map<String, Object> body) {
		ResponseEntity<String> created = post("/api/admin/promotions", adminToken, body);
		assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
		return JSON.readTree(created.getBody()).path("id").asLong();
	}

	/**
	 * Ends every promotion that applies to all baskets (platform spend-save, gifts), so a
	 * test's totals depend only on what it set up.
	 */
	void endBasketWidePromotions(JdbcTemplate jdbc, String adminToken) {
		List<Long> ids = jdbc.queryForList(
				"SELECT id FROM promotion WHERE ended_at IS NULL AND kind IN ('PLATFORM', 'GIFT')", Long.class);
		for (long id : ids) {
			assertThat(post("/api/admin/promotions/" + id + "/end", adminToken, "").getStatusCode())
				.isEqualTo(HttpStatus.OK);
		}
	}

	static JsonNode json(ResponseEntity<String> response) {
		return JSON.readTree(response.getBody());
	}

	static void assertProblem(ResponseEntity<String> response, HttpStatus status, String code) {
		assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
		assertThat(response.getHeaders().getContentType()).as(response.getBody())
			.isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		JsonNode problem = JSON.readTree(response.getBody());
		assertThat(problem.path("code").asString()).as(response.getBody()).isEqualTo(code);
		assertThat(problem.path("type").asString()).isEqualTo("https://flashsale.dev/problems/" + code);
		assertThat(problem.path("status").asInt()).isEqualTo(status.value());
	}

}
