package io.flashsale.configserver;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flashsale.platform.security.JwtProperties;
import io.flashsale.platform.security.LocalTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The config server serving the real config-repo/ of this repository.
 */
@ConfigServerTest
class ConfigServerIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JwtProperties jwt;

	@Test
	void servesTheSharedSettingsOfConfigRepoToAService() {
		ResponseEntity<Map> config = get("/order-service/default", null);
		assertThat(config.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(config.getBody().toString()).contains("config-repo/application.yml")
			.contains("management.tracing.sampling.probability");
	}

	@Test
	void isReadyAndKeepsActuatorInternalsForAdmins() {
		assertThat(get("/actuator/health/readiness", null).getStatusCode()).isEqualTo(HttpStatus.OK);
		LocalTokens tokens = new LocalTokens(this.jwt, Duration.ofMinutes(5));
		assertThat(get("/actuator/env", tokens.user("alice")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(get("/actuator/env", null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	private ResponseEntity<Map> get(String path, String token) {
		return RestClient.create("http://127.0.0.1:" + this.port).get().uri(path).headers((h) -> {
			if (token != null) {
				h.setBearerAuth(token);
			}
		}).retrieve().onStatus((status) -> true, (request, response) -> {
		}).toEntity(Map.class);
	}

}
