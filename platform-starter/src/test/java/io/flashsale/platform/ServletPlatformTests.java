package io.flashsale.platform;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.flashsale.contracts.Headers;
import io.flashsale.platform.context.RequestContexts;
import io.flashsale.platform.problem.ApiProblem;
import io.flashsale.platform.security.JwtProperties;
import io.flashsale.platform.security.LocalTokens;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's servlet conventions on a bare application: problem details, JWT, roles,
 * request context.
 */
@ActiveProfiles("local")
@SpringBootTest(classes = ServletPlatformTests.App.class, properties = "spring.application.name=starter-test")
@AutoConfigureMockMvc
class ServletPlatformTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JwtProperties jwt;

	@Test
	void rejectsCallsWithoutATokenWithAProblem() {
		assertThat(this.mvc.get().uri("/api/echo")).hasStatus(HttpStatus.UNAUTHORIZED)
			.bodyJson()
			.hasPathSatisfying("$.code", (code) -> assertThat(code).asString().isEqualTo("unauthenticated"))
			.hasPathSatisfying("$.type",
					(type) -> assertThat(type).asString().isEqualTo("https://flashsale.dev/problems/unauthenticated"));
	}

	@Test
	void rejectsForgedTokens() {
		LocalTokens forger = new LocalTokens(
				new JwtProperties("another-secret-another-secret-another-secret", null, null, "flashsale-local"),
				Duration.ofMinutes(5));
		assertThat(this.mvc.get().uri("/api/echo").header("Authorization", "Bearer " + forger.user("alice")))
			.hasStatus(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void rejectsUserIdsThatDoNotFitTheUserIdColumns() {
		assertThat(this.mvc.get().uri("/api/echo").header("Authorization", "Bearer " + tokens().user("a".repeat(65))))
			.hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.mvc.get().uri("/api/echo").header("Authorization", "Bearer " + tokens().user("alice;drop")))
			.hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.mvc.get().uri("/api/echo").header("Authorization", "Bearer " + tokens().user("a".repeat(64))))
			.hasStatusOk();
	}

	@Test
	void takesTheUserIdFromTheTokenNotFromAHeader() {
		assertThat(this.mvc.get()
			.uri("/api/echo")
			.header("Authorization", "Bearer " + tokens().user("alice"))
			.header(Headers.USER_ID, "mallory")
			.header(Headers.REQUEST_ID, "req-123")
			.header(Headers.TRAFFIC_MARK, "shadow")).hasStatusOk()
			.hasHeader(Headers.REQUEST_ID, "req-123")
			.bodyJson()
			.isLenientlyEqualTo("{\"userId\":\"alice\",\"requestId\":\"req-123\",\"mark\":\"SHADOW\"}");
	}

	@Test
	void generatesARequestIdWhenTheCallerSendsNoneOrAnUnsafeOne() {
		assertThat(this.mvc.get()
			.uri("/api/echo")
			.header("Authorization", "Bearer " + tokens().user("alice"))
			.header(Headers.REQUEST_ID, "<script>")).hasStatusOk()
			.headers()
			.hasHeaderSatisfying(Headers.REQUEST_ID, (values) -> assertThat(values.getFirst()).hasSize(36));
	}

	@Test
	void adminPathsNeedTheAdminRole() {
		assertThat(this.mvc.get().uri("/api/admin/ping").header("Authorization", "Bearer " + tokens().user("alice")))
			.hasStatus(HttpStatus.FORBIDDEN)
			.bodyJson()
			.hasPathSatisfying("$.code", (code) -> assertThat(code).asString().isEqualTo("forbidden"));
		assertThat(this.mvc.get().uri("/api/admin/ping").header("Authorization", "Bearer " + tokens().admin("root")))
			.hasStatusOk();
	}

	@Test
	void rendersApiProblemsWithTheirCode() {
		assertThat(this.mvc.get().uri("/api/sold-out").header("Authorization", "Bearer " + tokens().user("alice")))
			.hasStatus(HttpStatus.CONFLICT)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"type":"https://flashsale.dev/problems/sold-out","title":"Sold out","status":409,
					 "code":"sold-out","detail":"Item 7 is sold out."}""");
	}

	@Test
	void neverEchoesTheMessageOfAnUnexpectedFailure() {
		assertThat(this.mvc.get().uri("/api/boom").header("Authorization", "Bearer " + tokens().user("alice")))
			.hasStatus(HttpStatus.INTERNAL_SERVER_ERROR)
			.bodyText()
			.doesNotContain("secret-internal-detail")
			.contains("\"code\":\"internal-error\"");
	}

	@Test
	void reportsInvalidBodiesFieldByField() {
		assertThat(this.mvc.post()
			.uri("/api/quantity")
			.header("Authorization", "Bearer " + tokens().user("alice"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"quantity\":0}")).hasStatus(HttpStatus.BAD_REQUEST)
			.bodyJson()
			.hasPathSatisfying("$.code", (code) -> assertThat(code).asString().isEqualTo("invalid-request"))
			.hasPathSatisfying("$.errors[0].field", (field) -> assertThat(field).asString().isEqualTo("quantity"));
	}

	@Test
	void givesSpringsOwnErrorsAStableCode() {
		assertThat(this.mvc.get().uri("/api/nothing-here").header("Authorization", "Bearer " + tokens().user("a")))
			.hasStatus(HttpStatus.NOT_FOUND)
			.bodyJson()
			.hasPathSatisfying("$.code", (code) -> assertThat(code).asString().isEqualTo("not-found"));
	}

	@Test
	void exposesProbesToAnyoneAndPrometheusToOperatorsWithCommonTags() {
		assertThat(this.mvc.get().uri("/actuator/health/liveness")).hasStatusOk();
		assertThat(this.mvc.get().uri("/actuator/health/readiness")).hasStatusOk();
		this.mvc.get().uri("/api/echo").exchange();
		assertThat(this.mvc.get().uri("/actuator/prometheus")).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.mvc.get().uri("/actuator/info")).hasStatus(HttpStatus.UNAUTHORIZED);
		assertThat(this.mvc.get().uri("/actuator/prometheus").header("Authorization", "Bearer " + tokens().user("a")))
			.hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.mvc.get()
			.uri("/actuator/prometheus")
			.header("Authorization", "Bearer " + tokens().mint("scraper", List.of("OPS")))).hasStatusOk();
		assertThat(
				this.mvc.get().uri("/actuator/prometheus").header("Authorization", "Bearer " + tokens().admin("ops")))
			.hasStatusOk()
			.bodyText()
			.contains("application=\"starter-test\"")
			.contains("instance_id=\"");
	}

	private LocalTokens tokens() {
		return new LocalTokens(this.jwt, Duration.ofMinutes(5));
	}

	@EnableAutoConfiguration(excludeName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
			"org.mybatis.spring.boot.autoconfigure.MybatisAutoConfiguration" })
	@Import(Api.class)
	static class App {

	}

	@RestController
	static class Api {

		private final RequestContexts contexts;

		Api(RequestContexts contexts) {
			this.contexts = contexts;
		}

		@GetMapping("/api/echo")
		Map<String, Object> echo() {
			var context = this.contexts.current();
			return Map.of("userId", context.userId(), "requestId", context.requestId(), "mark", context.trafficMark());
		}

		@GetMapping("/api/admin/ping")
		String ping() {
			return "pong";
		}

		@GetMapping("/api/sold-out")
		String soldOut() {
			throw new SoldOut(7);
		}

		@GetMapping("/api/boom")
		String boom() {
			throw new IllegalStateException("secret-internal-detail");
		}

		@PostMapping("/api/quantity")
		String quantity(@Valid @RequestBody Quantity quantity) {
			return "ok";
		}

	}

	record Quantity(@Min(1) int quantity) {
	}

	static class SoldOut extends ApiProblem {

		SoldOut(long itemId) {
			super(HttpStatus.CONFLICT, "sold-out", "Sold out", "Item " + itemId + " is sold out.");
		}

	}

}
