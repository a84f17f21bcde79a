package io.flashsale.gateway;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import io.flashsale.platform.security.JwtProperties;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the gateway exposes beyond the shoppers' and admins' routes: its own health probes
 * to anyone, its other actuator endpoints to operators, and nothing of a service's
 * sandbox wallets or actuator, whoever asks. Tokens are checked at the edge as in every
 * service.
 */
class GatewayExposureIntegrationTests extends GatewayHarness {

	@Autowired
	RouteLocator routes;

	@Autowired
	JwtProperties jwt;

	@Test
	void opensHealthButKeepsPrometheusForOperators() {
		assertThat(get("/actuator/health/liveness", null).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(get("/actuator/health/readiness", null).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(get("/actuator/prometheus", null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(get("/actuator/info", null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(get("/actuator/prometheus", this.tokens.user("alice")).getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
		ResponseEntity<String> scrape = get("/actuator/prometheus", this.tokens.mint("scraper", List.of("OPS")));
		assertThat(scrape.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(scrape.getBody()).contains("application=\"gateway\"");
	}

	@Test
	void hasNoRouteToTheSandboxWalletsOrAServicesActuator() {
		List<String> routed = new ArrayList<>();
		for (String path : new String[] { "/sandbox/sandpay/trades", "/sandbox/sandpay/trades/SP-1/pay",
				"/sandbox/quickwallet/behaviour", "/actuator/prometheus", "/actuator/env" }) {
			for (HttpMethod method : new HttpMethod[] { HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT }) {
				MockServerWebExchange exchange = MockServerWebExchange
					.from(MockServerHttpRequest.method(method, path).build());
				Flux.from(this.routes.getRoutes())
					.filterWhen((Route route) -> Mono.from(route.getPredicate().apply(exchange)))
					.map((route) -> method + " " + path + " -> " + route.getId())
					.doOnNext(routed::add)
					.blockLast();
			}
		}
		assertThat(routed).isEmpty();
	}

	@Test
	void neverForwardsSandboxCallsWhoeverAsks() {
		for (String token : new String[] { null, this.tokens.user("alice"), this.tokens.admin("ops") }) {
			for (String path : new String[] { "/sandbox/sandpay/trades/SP-1", "/api/payments/../../sandbox/sandpay" }) {
				ResponseEntity<String> response = get(path, token);
				assertThat(response.getStatusCode().is4xxClientError()).as(path).isTrue();
				assertThat(String.valueOf(response.getBody())).as(path).doesNotContain("service: payment-service");
			}
			ResponseEntity<String> pay = post("/sandbox/sandpay/trades/SP-1/pay", token, "{}");
			assertThat(pay.getStatusCode().is4xxClientError()).isTrue();
			assertThat(String.valueOf(pay.getBody())).doesNotContain("service:");
		}
	}

	@Test
	void rejectsTokensWithoutExpiryOrWithAnUnsafeUserIdAtTheEdge() {
		assertThat(get("/api/orders/1", this.tokens.user("a".repeat(65))).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(get("/api/orders/1", this.tokens.user("alice\r\nX-User-Id: bob")).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(get("/api/orders/1", withoutExpiry("alice")).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(get("/api/orders/1", this.tokens.user("a".repeat(64))).getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	private String withoutExpiry(String user) {
		NimbusJwtEncoder encoder = new NimbusJwtEncoder(
				new ImmutableSecret<>(new SecretKeySpec(this.jwt.secret().getBytes(), "HmacSHA256")));
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(this.jwt.issuer())
			.subject(user)
			.issuedAt(Instant.now())
			.build();
		return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
			.getTokenValue();
	}

}
