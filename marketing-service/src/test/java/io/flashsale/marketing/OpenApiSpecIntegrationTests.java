package io.flashsale.marketing;

import org.junit.jupiter.api.Test;

import io.flashsale.testsupport.OpenApiSpecs;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The served OpenAPI spec is public and equals the committed
 * {@code docs/api/marketing-service.json}.
 */
@MarketingIntegrationTest
class OpenApiSpecIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void servesTheCommittedSpecWithoutAToken() throws Exception {
		ResponseEntity<String> spec = RestClient.create("http://127.0.0.1:" + this.port)
			.get()
			.uri("/v3/api-docs")
			.retrieve()
			.toEntity(String.class);
		assertThat(spec.getStatusCode()).isEqualTo(HttpStatus.OK);
		OpenApiSpecs.assertMatchesCommitted("marketing-service", spec.getBody());
	}

}
