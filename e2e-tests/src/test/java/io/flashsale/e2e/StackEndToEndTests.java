package io.flashsale.e2e;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole local stack as ./flashsale up leaves it: every component ready, the gateway
 * routing authenticated calls, each service validating the relayed token itself.
 */
class StackEndToEndTests {

	@ParameterizedTest
	@ValueSource(strings = { "config-server", "gateway", "order-service", "payment-service", "marketing-service",
			"inventory-service" })
	void everyComponentIsReadyAndExportsMetrics(String app) {
		assertThat(Stack.get(app, "/actuator/health/readiness", null).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(Stack.get(app, "/actuator/health/liveness", null).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(Stack.get(app, "/actuator/prometheus", null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(Stack.get(app, "/actuator/prometheus", Stack.TOKENS.admin("e2e-ops")).getBody())
			.contains("application=\"" + app + "\"");
	}

	@Test
	void gatewayRejectsAnonymousShoppersWithAProblem() {
		ResponseEntity<String> response = Stack.get("gateway", "/api/orders/1", null);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(response.getBody()).contains("\"code\":\"unauthenticated\"");
	}

	@Test
	void gatewayRoutesAuthenticatedCallsToTheServiceWhichChecksTheTokenAgain() {
		ResponseEntity<String> response = Stack.get("gateway", "/api/orders/1-" + "0".repeat(32),
				Stack.TOKENS.user("alice"));
		// order-service, not the gateway, answered: it authenticated the relayed token
		// and
		// stamped its request id.
		assertThat(response.getHeaders().getFirst("X-Request-Id")).isNotBlank();
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(response.getBody()).contains("\"code\":\"order-not-found\"");
	}

	@Test
	void goingAroundTheGatewayGrantsNothing() {
		for (String app : new String[] { "order-service", "payment-service", "marketing-service",
				"inventory-service" }) {
			assertThat(Stack.get(app, "/api/orders/1", null).getStatusCode()).as(app)
				.isEqualTo(HttpStatus.UNAUTHORIZED);
			assertThat(Stack.get(app, "/actuator/env", Stack.TOKENS.user("alice")).getStatusCode()).as(app)
				.isEqualTo(HttpStatus.FORBIDDEN);
		}
	}

	@Test
	void configServerServesConfigRepoToTheServicesOnly() {
		assertThat(Stack.get("config-server", "/order-service/default", null).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		String password = System.getenv().getOrDefault("FLASHSALE_CONFIG_PASSWORD", "local-config-password-change-me");
		ResponseEntity<String> config = RestClient.create("http://127.0.0.1:" + Stack.APPS.get("config-server"))
			.get()
			.uri("/payment-service/default")
			.headers((headers) -> headers.setBasicAuth("config-client", password))
			.retrieve()
			.toEntity(String.class);
		assertThat(config.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(config.getBody()).contains("config-repo/application.yml").doesNotContain("secret");
	}

}
