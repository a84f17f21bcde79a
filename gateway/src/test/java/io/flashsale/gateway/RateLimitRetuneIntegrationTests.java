package io.flashsale.gateway;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rate limits follow a refresh (a property source of highest precedence and an
 * {@link EnvironmentChangeEvent}, as the config client's refresh does it): the user
 * bucket of {@link GatewayHarness} (burst 20, 10 per purchase) is retuned, an invalid
 * change is refused, and the limits come back when the override goes.
 */
class RateLimitRetuneIntegrationTests extends GatewayHarness {

	private static final String LIMITS = "test-rate-limits";

	private static final String USER_BURST = "flashsale.gateway.rate-limits.user.burst-capacity";

	@Autowired
	ConfigurableEnvironment environment;

	@Autowired
	ApplicationEventPublisher publisher;

	@AfterEach
	void limitsBack() {
		if (this.environment.getPropertySources().remove(LIMITS) != null) {
			this.publisher.publishEvent(new EnvironmentChangeEvent(Set.of(USER_BURST)));
		}
	}

	@Test
	void retunesTheUserBucketOnRefreshAndRefusesInvalidLimits() {
		assertThat(burstSeenBy(newBuyer())).isEqualTo("20");

		flip(Map.of(USER_BURST, "40"));
		String buyer = newBuyer();
		assertThat(burstSeenBy(buyer)).isEqualTo("40");
		// 40 tokens at 10 a purchase: four purchases pass, the fifth is limited.
		for (int purchase = 2; purchase <= 4; purchase++) {
			assertThat(post("/api/orders", buyer, "{}").getStatusCode()).isEqualTo(HttpStatus.OK);
		}
		assertThat(post("/api/orders", buyer, "{}").getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);

		// Requested tokens (10) above the burst: refused, the 40 stays.
		flip(Map.of(USER_BURST, "5"));
		assertThat(burstSeenBy(newBuyer())).isEqualTo("40");

		this.environment.getPropertySources().remove(LIMITS);
		this.publisher.publishEvent(new EnvironmentChangeEvent(Set.of(USER_BURST)));
		assertThat(burstSeenBy(newBuyer())).isEqualTo("20");
	}

	private String newBuyer() {
		return this.tokens.user("retuned-" + UUID.randomUUID());
	}

	private String burstSeenBy(String buyer) {
		ResponseEntity<String> purchase = post("/api/orders", buyer, "{}");
		assertThat(purchase.getStatusCode()).isEqualTo(HttpStatus.OK);
		return purchase.getHeaders().getFirst("X-RateLimit-Burst-Capacity");
	}

	private void flip(Map<String, Object> values) {
		this.environment.getPropertySources().remove(LIMITS);
		this.environment.getPropertySources().addFirst(new MapPropertySource(LIMITS, values));
		this.publisher.publishEvent(new EnvironmentChangeEvent(values.keySet()));
	}

}
