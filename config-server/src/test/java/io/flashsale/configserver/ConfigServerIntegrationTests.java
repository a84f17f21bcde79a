package io.flashsale.configserver;

import java.time.Duration;

import io.flashsale.configserver.AdminApi.Answer;
import io.flashsale.platform.security.JwtProperties;
import io.flashsale.platform.security.LocalTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The config server serving the real config-repo/ of this repository: configuration to
 * services with their credentials only and never a secret, ops' endpoints to operators.
 */
@ConfigServerTest
class ConfigServerIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JwtProperties jwt;

	@Test
	void servesTheSharedSettingsOfConfigRepoToAService() {
		Answer config = new AdminApi(this.port).config("/order-service/default");
		assertThat(config.status()).isEqualTo(200);
		assertThat(config.body().toString()).contains("config-repo/application.yml")
			.contains("management.tracing.sampling.probability");
	}

	@Test
	void refusesToServeConfigurationWithoutServiceCredentials() {
		for (String path : new String[] { "/payment-service/default", "/payment-service/default/main",
				"/payment-service-default.yml", "/main/payment-service-default.properties" }) {
			assertThat(get(path, null, null).getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
			assertThat(get(path, null, "config-client:wrong-password").getStatusCode()).as(path)
				.isEqualTo(HttpStatus.UNAUTHORIZED);
			// An operator's token is not a service's credentials.
			assertThat(get(path, tokens().admin("ops"), null).getStatusCode()).as(path).isEqualTo(HttpStatus.FORBIDDEN);
		}
	}

	@Test
	void servesPaymentSettingsToServicesWithoutTheChannelSecrets() {
		ResponseEntity<String> config = get("/payment-service/default", null,
				AdminApi.LOCAL_CONFIG_USER + ":" + AdminApi.LOCAL_CONFIG_PASSWORD);
		assertThat(config.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(config.getBody()).contains("config-repo/payment-service.yml")
			.contains("flashsale.payment.channels.sandpay.weight")
			.doesNotContain("secret");
	}

	@Test
	void answersTheSwitchVersionToAnyoneForTheServicesPoller() {
		assertThat(get("/api/switches/version", null, null).getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void keepsActuatorBeyondHealthForOperators() {
		assertThat(get("/actuator/health/readiness", null, null).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(get("/actuator/prometheus", null, null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(get("/actuator/env", null, null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(get("/actuator/env", tokens().user("alice"), null).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(get("/actuator/prometheus", null, AdminApi.LOCAL_CONFIG_USER + ":" + AdminApi.LOCAL_CONFIG_PASSWORD)
			.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(get("/actuator/prometheus", tokens().admin("ops"), null).getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	private LocalTokens tokens() {
		return new LocalTokens(this.jwt, Duration.ofMinutes(5));
	}

	private ResponseEntity<String> get(String path, String token, String basic) {
		return RestClient.create("http://127.0.0.1:" + this.port).get().uri(path).headers((h) -> {
			if (token != null) {
				h.setBearerAuth(token);
			}
			if (basic != null) {
				String[] user = basic.split(":", 2);
				h.setBasicAuth(user[0], user[1]);
			}
		}).retrieve().onStatus((status) -> true, (request, response) -> {
		}).toEntity(String.class);
	}

}
