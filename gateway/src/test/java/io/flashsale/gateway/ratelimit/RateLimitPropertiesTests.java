package io.flashsale.gateway.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitPropertiesTests {

	private static final ValidatorFactory factory = Validation.buildDefaultValidatorFactory();

	private static final Validator validator = factory.getValidator();

	@AfterAll
	static void close() {
		factory.close();
	}

	@Test
	void defaultsToTheDocumentedBuckets() {
		RateLimitProperties defaults = new RateLimitProperties(true, null, null, null, 0, Duration.ofMillis(500), 1, 1);
		assertThat(defaults.user()).isEqualTo(new RateLimitProperties.Bucket(5, 10, 1));
		assertThat(defaults.ip()).isEqualTo(new RateLimitProperties.Bucket(2000, 4000, 1));
		assertThat(defaults.routes())
			.containsExactly(Map.entry("orders", new RateLimitProperties.Bucket(3000, 6000, 1)));
		assertThat(validator.validate(defaults)).isEmpty();
	}

	@Test
	void addsConfiguredRoutesToTheOrdersDefaultAndLetsThemOverrideIt() {
		RateLimitProperties properties = new RateLimitProperties(true, null, null, Map.of("payments",
				new RateLimitProperties.Bucket(100, 200, 1), "orders", new RateLimitProperties.Bucket(500, 500, 1)), 0,
				Duration.ofMillis(500), 1, 1);
		assertThat(properties.routes()).containsOnly(Map.entry("payments", new RateLimitProperties.Bucket(100, 200, 1)),
				Map.entry("orders", new RateLimitProperties.Bucket(500, 500, 1)));
	}

	@Test
	void rejectsABurstBelowTheReplenishRate() {
		assertThat(messages(new RateLimitProperties.Bucket(10, 5, 1)))
			.containsExactly("burst-capacity must be at least replenish-rate");
	}

	@Test
	void rejectsARequestCostingMoreThanTheBurst() {
		assertThat(messages(new RateLimitProperties.Bucket(1, 5, 6)))
			.containsExactly("requested-tokens must not exceed burst-capacity, or every request is rejected");
	}

	@Test
	void rejectsNonPositiveRatesAndNestedInvalidBuckets() {
		RateLimitProperties properties = new RateLimitProperties(true, new RateLimitProperties.Bucket(0, 10, 1), null,
				Map.of("payments", new RateLimitProperties.Bucket(10, 5, 1)), -1, Duration.ofMillis(500), 0, 1);
		Set<String> paths = validator.validate(properties)
			.stream()
			.map((violation) -> violation.getPropertyPath().toString())
			.collect(java.util.stream.Collectors.toSet());
		assertThat(paths).contains("user.replenishRate", "trustedProxyHops", "instances")
			.anyMatch((path) -> path.startsWith("routes[payments]"));
	}

	private static Set<String> messages(RateLimitProperties.Bucket bucket) {
		return validator.validate(bucket)
			.stream()
			.map(ConstraintViolation::getMessage)
			.collect(java.util.stream.Collectors.toSet());
	}

}
