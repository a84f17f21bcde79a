package io.flashsale.payment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order lookup's breaker, time limit and bulkhead, and the channels' breakers and
 * bulkheads as metrics, on a running payment-service with order-service played by
 * {@link OrderStub} (stopped answering, slowed or held). Test settings for
 * {@code order-service}: breaker window 10, at least 4 calls, 50%; time limit 10 s (read
 * timeout 12 s); bulkhead 12. Every fallback is 503 {@code order-service-unavailable} and
 * no payment.
 */
@PaymentIntegrationTest
class OrderLookupResilienceIntegrationTests extends PaymentTestSupport {

	@AfterEach
	void answerAgain() {
		this.orders.release();
		this.orders.delay(0);
	}

	@Test
	void showsTheOrderLookupsBreakerOpeningInPrometheus() {
		String user = shopper();
		String orderId = this.orders.order(user, 1_000);
		assertThat(metric("resilience4j_circuitbreaker_state", "name", "order-service", "state", "closed"))
			.isEqualTo(1.0);
		this.orders.down(true);
		for (int i = 0; i < 4; i++) {
			assertUnavailable(payRequest(user, orderId));
		}

		assertThat(metric("resilience4j_circuitbreaker_state", "name", "order-service", "state", "open"))
			.isEqualTo(1.0);
		int calls = this.orders.authorizations().size();
		assertUnavailable(payRequest(user, orderId));
		assertThat(this.orders.authorizations()).hasSize(calls);
		assertThat(paymentsOfOrder(orderId)).isZero();
	}

	@Test
	void givesUpOnASlowOrderServiceAtTheTimeLimit() {
		String user = shopper();
		String orderId = this.orders.order(user, 1_000);
		double timeouts = metric("resilience4j_timelimiter_calls_total", "name", "order-service", "kind", "timeout");
		this.orders.delay(11_000);

		assertUnavailable(payRequest(user, orderId));

		assertThat(metric("resilience4j_timelimiter_calls_total", "name", "order-service", "kind", "timeout"))
			.isEqualTo(timeouts + 1);
		assertThat(paymentsOfOrder(orderId)).isZero();
		this.orders.delay(0);
		assertThat(payRequest(user, orderId).getStatusCode().value()).as("answered again").isEqualTo(201);
	}

	/**
	 * 15 shoppers pay at once while order-service holds its answers: 12 lookups enter the
	 * bulkhead (12), 3 are answered 503 at once without a call; once released the 12
	 * reach order-service and open their payments.
	 */
	@Test
	void refusesLookupsBeyondTheBulkheadWithoutCallingOrderService() throws Exception {
		double full = metric("flashsale_calls_fallback_total", "call", "order-service", "reason", "full");
		List<String> users = new ArrayList<>();
		List<String> orderIds = new ArrayList<>();
		for (int i = 0; i < 15; i++) {
			users.add(shopper());
			orderIds.add(this.orders.order(users.get(i), 500 + i));
		}
		int callsBefore = this.orders.authorizations().size();
		this.orders.hold();
		List<ResponseEntity<JsonNode>> answers = new ArrayList<>();
		try (ExecutorService shoppers = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<ResponseEntity<JsonNode>>> calls = new ArrayList<>();
			for (int i = 0; i < 15; i++) {
				int shopper = i;
				calls.add(shoppers.submit(() -> payRequest(users.get(shopper), orderIds.get(shopper))));
			}
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
			while (calls.stream().filter(Future::isDone).count() < 3 && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			// The 3 refused are answered at once; the 12 admitted hold their permits.
			assertThat(calls.stream().filter(Future::isDone)).hasSize(3);
			assertThat(metric("resilience4j_bulkhead_available_concurrent_calls", "name", "order-service")).isZero();
			this.orders.release();
			for (Future<ResponseEntity<JsonNode>> call : calls) {
				answers.add(call.get(30, TimeUnit.SECONDS));
			}
		}

		assertThat(answers).filteredOn((answer) -> answer.getStatusCode().value() == 201).hasSize(12);
		assertThat(answers).filteredOn((answer) -> answer.getStatusCode().value() == 503)
			.hasSize(3)
			.allSatisfy(this::assertUnavailable);
		assertThat(this.orders.authorizations()).hasSize(callsBefore + 12);
		assertThat(metric("flashsale_calls_fallback_total", "call", "order-service", "reason", "full"))
			.isEqualTo(full + 3);
		assertThat(this.breakers.circuitBreaker("order-service").getMetrics().getNumberOfFailedCalls()).isZero();
	}

	/** Each channel's calls have their breaker and bulkhead, visible as metrics. */
	@Test
	void exportsEachChannelsBreakerAndBulkhead() {
		for (String channel : List.of(PaymentProperties.SANDPAY, PaymentProperties.QUICKWALLET)) {
			assertThat(metric("resilience4j_circuitbreaker_state", "name", channel, "state", "closed")).isEqualTo(1.0);
			assertThat(metric("resilience4j_bulkhead_max_allowed_concurrent_calls", "name", channel)).isEqualTo(100);
		}
	}

	/**
	 * On the JDK client: Apache HttpClient (the shared test client) repeats a POST
	 * answered 503 by itself, which would double the calls under test.
	 */
	private ResponseEntity<JsonNode> payRequest(String user, String orderId) {
		ResponseEntity<String> response = RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory())
			.baseUrl("http://127.0.0.1:" + this.port)
			.defaultStatusHandler((status) -> true, (request, answer) -> {
			})
			.build()
			.post()
			.uri("/api/payments")
			.contentType(MediaType.APPLICATION_JSON)
			.headers((headers) -> headers.setBearerAuth(this.tokens.user(user)))
			.body(Map.of("orderId", orderId))
			.retrieve()
			.toEntity(String.class);
		return ResponseEntity.status(response.getStatusCode()).body(JSON.readTree(response.getBody()));
	}

	private void assertUnavailable(ResponseEntity<JsonNode> response) {
		assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(503);
		assertThat(response.getBody().path("code").asString()).isEqualTo("order-service-unavailable");
	}

	/**
	 * A sample from {@code /actuator/prometheus}: the series with these labels, 0 if
	 * absent.
	 */
	private double metric(String name, String... labels) {
		String page = http().get()
			.uri("/actuator/prometheus")
			.headers((headers) -> headers.setBearerAuth(this.tokens.admin("ops")))
			.retrieve()
			.body(String.class);
		Matcher matcher = Pattern.compile("^" + Pattern.quote(name) + "\\{(.*)\\} (\\S+)$", Pattern.MULTILINE)
			.matcher(page);
		while (matcher.find()) {
			boolean matches = true;
			for (int i = 0; i < labels.length; i += 2) {
				matches &= matcher.group(1).contains(labels[i] + "=\"" + labels[i + 1] + "\"");
			}
			if (matches) {
				return Double.parseDouble(matcher.group(2));
			}
		}
		return 0;
	}

}
