package io.flashsale.payment;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * payment-service's bodies are read as typed: a value of another JSON type than its
 * field's is a 400 problem naming the field, and nothing is opened.
 */
@PaymentIntegrationTest
class StrictInputIntegrationTests extends PaymentTestSupport {

	/**
	 * {@code "amountCents": "100"} and {@code "amountCents": 100.5} at a wallet's trade
	 * API: 400 naming amountCents, no trade for the merchant reference. The same with
	 * {@code 100} opens one.
	 */
	@Test
	void refusesAnAmountSentAsAStringOrADecimal() {
		String merchantRef = "strict-" + shopper();
		assertRefused(
				call(HttpMethod.POST, "/sandbox/sandpay/trades", null,
						Map.of("merchantRef", merchantRef, "orderId", "1-strict", "amountCents", "100")),
				"amountCents", "must be an integer, not a string");
		assertRefused(
				call(HttpMethod.POST, "/sandbox/sandpay/trades", null,
						Map.of("merchantRef", merchantRef, "orderId", "1-strict", "amountCents", 100.5)),
				"amountCents", "must be an integer, not a decimal number");
		assertThat(trades(merchantRef)).isZero();

		ResponseEntity<JsonNode> opened = call(HttpMethod.POST, "/sandbox/sandpay/trades", null,
				Map.of("merchantRef", merchantRef, "orderId", "1-strict", "amountCents", 100));
		assertThat(opened.getStatusCode().is2xxSuccessful()).as("%s", opened.getBody()).isTrue();
		assertThat(trades(merchantRef)).isOne();
	}

	/** {@code "orderId": 123} (a number where the API says string): 400, no payment. */
	@Test
	void refusesAnOrderIdSentAsANumber() {
		String user = shopper();
		assertRefused(call(HttpMethod.POST, "/api/payments", this.tokens.user(user), Map.of("orderId", 123)), "orderId",
				"must be a string, not an integer");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM payments WHERE user_id = ?", Integer.class, user))
			.isZero();
	}

	private int trades(String merchantRef) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM sandbox_trades WHERE merchant_ref = ?", Integer.class,
				merchantRef);
	}

	private static void assertRefused(ResponseEntity<JsonNode> response, String field, String message) {
		assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(400);
		assertThat(response.getBody().path("code").asString()).isEqualTo("invalid-request");
		assertThat(response.getBody().path("errors").path(0).path("field").asString()).isEqualTo(field);
		assertThat(response.getBody().path("errors").path(0).path("message").asString()).isEqualTo(message);
	}

}
