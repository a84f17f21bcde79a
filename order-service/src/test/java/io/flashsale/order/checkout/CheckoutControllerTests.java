package io.flashsale.order.checkout;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.flashsale.platform.json.StrictJsonAutoConfiguration;
import io.flashsale.platform.problem.ProblemDetailsAutoConfiguration;
import io.flashsale.platform.security.JwtProperties;
import io.flashsale.platform.security.LocalTokens;
import io.flashsale.platform.security.ServletSecurityAutoConfiguration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * {@code POST /api/orders} at the web edge: the security chain, bean validation, strict
 * JSON and the problem advice of the running service, with checkout mocked. An invalid
 * body is a 400 problem naming the field and never reaches checkout; the buyer is the
 * token's subject.
 */
@WebMvcTest(controllers = CheckoutController.class, properties = "spring.cloud.config.enabled=false")
@ImportAutoConfiguration({ ServletSecurityAutoConfiguration.class, ProblemDetailsAutoConfiguration.class,
		StrictJsonAutoConfiguration.class })
@ActiveProfiles("local")
class CheckoutControllerTests {

	private static final String ORDER_ID = "42-0123456789abcdef0123456789abcdef";

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JwtProperties jwt;

	@MockitoBean
	Checkout checkout;

	@Test
	void acceptsAPurchaseForTheTokensSubjectWithItsLocation() {
		given(this.checkout.place("alice", "key-12345678", new PlaceOrder(42L, 2)))
			.willReturn(OrderAccepted.of(ORDER_ID));

		assertThat(post("alice", "{\"flashSaleId\": 42, \"quantity\": 2}")).hasStatus(HttpStatus.ACCEPTED)
			.hasHeader("Location", "/api/orders/" + ORDER_ID)
			.bodyJson()
			.hasPathSatisfying("$.orderId", (id) -> assertThat(id).asString().isEqualTo(ORDER_ID));
		then(this.checkout).should().place("alice", "key-12345678", new PlaceOrder(42L, 2));
	}

	/**
	 * Missing, zero, negative or above 1000: 400 naming the field, checkout untouched.
	 */
	@Test
	void refusesAnInvalidBodyWithAnInvalidRequestProblemNamingTheField() {
		assertInvalidField(post("alice", "{\"quantity\": 1}"), "flashSaleId");
		assertInvalidField(post("alice", "{\"flashSaleId\": -1, \"quantity\": 1}"), "flashSaleId");
		assertInvalidField(post("alice", "{\"flashSaleId\": 42}"), "quantity");
		assertInvalidField(post("alice", "{\"flashSaleId\": 42, \"quantity\": 0}"), "quantity");
		assertInvalidField(post("alice", "{\"flashSaleId\": 42, \"quantity\": 1001}"), "quantity");
		verifyNoInteractions(this.checkout);
	}

	@Test
	void refusesAQuantityOfAnotherJsonTypeRatherThanConvertingIt() {
		MvcTestResult result = post("alice", "{\"flashSaleId\": 42, \"quantity\": \"1\"}");
		assertInvalidField(result, "quantity");
		assertThat(result).bodyJson()
			.hasPathSatisfying("$.errors[0].message",
					(message) -> assertThat(message).asString().isEqualTo("must be an integer, not a string"));
		verifyNoInteractions(this.checkout);
	}

	@Test
	void refusesABodyThatIsNotJsonWithAProblem() {
		assertProblem(post("alice", "{\"flashSaleId\": 42,"), HttpStatus.BAD_REQUEST, "invalid-request");
		verifyNoInteractions(this.checkout);
	}

	/** A problem that says when to retry carries Retry-After as a header too. */
	@Test
	void answersAPausedSaleWith503AndRetryAfter() {
		given(this.checkout.place(anyString(), anyString(), any()))
			.willThrow(new SalePaused("Flash sale 42 is paused.", 30));

		MvcTestResult result = post("alice", "{\"flashSaleId\": 42, \"quantity\": 1}");
		assertProblem(result, HttpStatus.SERVICE_UNAVAILABLE, "sale-paused");
		assertThat(result).hasHeader("Retry-After", "30")
			.bodyJson()
			.hasPathSatisfying("$.retryAfterSeconds", (seconds) -> assertThat(seconds).asNumber().isEqualTo(30));
	}

	@Test
	void refusesAPurchaseWithoutATokenWithAnUnauthenticatedProblem() {
		assertProblem(this.mvc.post()
			.uri("/api/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.header("Idempotency-Key", "key-12345678")
			.content("{\"flashSaleId\": 42, \"quantity\": 1}")
			.exchange(), HttpStatus.UNAUTHORIZED, "unauthenticated");
		verifyNoInteractions(this.checkout);
	}

	private static void assertInvalidField(MvcTestResult result, String field) {
		assertProblem(result, HttpStatus.BAD_REQUEST, "invalid-request");
		assertThat(result).bodyJson()
			.hasPathSatisfying("$.errors[0].field", (value) -> assertThat(value).asString().isEqualTo(field));
	}

	private static void assertProblem(MvcTestResult result, HttpStatus status, String code) {
		assertThat(result).hasStatus(status)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.hasPathSatisfying("$.status", (value) -> assertThat(value).asNumber().isEqualTo(status.value()))
			.hasPathSatisfying("$.code", (value) -> assertThat(value).asString().isEqualTo(code))
			.hasPathSatisfying("$.type",
					(value) -> assertThat(value).asString().isEqualTo("https://flashsale.dev/problems/" + code));
	}

	private MvcTestResult post(String user, String body) {
		String token = new LocalTokens(this.jwt, Duration.ofMinutes(5)).user(user);
		return this.mvc.post()
			.uri("/api/orders")
			.header("Authorization", "Bearer " + token)
			.header("Idempotency-Key", "key-12345678")
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
	}

}
