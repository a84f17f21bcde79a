package io.flashsale.payment;

import org.junit.jupiter.api.Test;

import io.flashsale.testsupport.OpenApiSpecs;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The served OpenAPI spec is public and equals the committed
 * {@code docs/api/payment-service.json}.
 */
@PaymentIntegrationTest
class OpenApiSpecIntegrationTests extends PaymentTestSupport {

	@Test
	void servesTheCommittedSpecWithoutAToken() throws Exception {
		ResponseEntity<String> spec = http().get().uri("/v3/api-docs").retrieve().toEntity(String.class);
		assertThat(spec.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(spec.getBody()).contains("/sandbox/{channel}/trades/{tradeNo}/pay",
				"/api/payments/callbacks/{channel}");
		OpenApiSpecs.assertMatchesCommitted("payment-service", spec.getBody());
	}

}
