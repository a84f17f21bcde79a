package io.flashsale.marketing.flashsale;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request's rules, judged against a fixed clock as the service judges them against
 * its {@link Clock} bean.
 */
class CreateFlashSaleTests {

	private static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");

	private static ValidatorFactory factory;

	private static Validator validator;

	@BeforeAll
	static void validator() {
		factory = Validation.byDefaultProvider()
			.configure()
			.clockProvider(() -> Clock.fixed(NOW, ZoneOffset.UTC))
			.buildValidatorFactory();
		validator = factory.getValidator();
	}

	@AfterAll
	static void close() {
		factory.close();
	}

	@Test
	void acceptsTheBoundaries() {
		assertThat(violations(new CreateFlashSale(1L, "x", 1L, 1, 1, NOW, NOW.plusMillis(1), 1))).isEmpty();
		assertThat(violations(new CreateFlashSale(Long.MAX_VALUE, "x".repeat(120), 1_000_000_000L, 1_000_000, 100,
				NOW.minusSeconds(60), NOW.plusSeconds(60), 86_400)))
			.isEmpty();
	}

	@Test
	void acceptsASaleThatHasAlreadyStartedButNotEnded() {
		assertThat(violations(new CreateFlashSale(1L, "x", 1L, 5, 5, NOW.minusSeconds(3600), NOW.plusSeconds(1), 60)))
			.isEmpty();
	}

	@Test
	void refusesAPerUserLimitAboveStock() {
		assertThat(violations(new CreateFlashSale(1L, "x", 100L, 5, 6, NOW, NOW.plusSeconds(60), 60)))
			.containsExactly("perUserLimitWithinStock");
	}

	@Test
	void refusesAnEndAtOrBeforeTheStart() {
		Instant start = NOW.plusSeconds(600);
		assertThat(violations(new CreateFlashSale(1L, "x", 100L, 5, 1, start, start, 60)))
			.containsExactly("endAfterStart");
		assertThat(violations(new CreateFlashSale(1L, "x", 100L, 5, 1, start, start.minusMillis(1), 60)))
			.containsExactly("endAfterStart");
	}

	@Test
	void refusesAnEndThatIsNotInTheFuture() {
		assertThat(violations(new CreateFlashSale(1L, "x", 100L, 5, 1, NOW.minusSeconds(60), NOW, 60)))
			.containsExactly("endsAt");
	}

	@Test
	void refusesValuesOutOfRange() {
		assertThat(violations(new CreateFlashSale(0L, " ", 0L, 1_000_001, 101, NOW, NOW.plusSeconds(60), 86_401)))
			.containsExactlyInAnyOrder("skuId", "title", "priceCents", "stock", "perUserLimit", "payTimeoutSeconds");
		assertThat(violations(new CreateFlashSale(1L, "x", 1_000_000_001L, 0, 0, NOW, NOW.plusSeconds(60), 0)))
			.containsExactlyInAnyOrder("priceCents", "stock", "perUserLimit", "payTimeoutSeconds");
	}

	@Test
	void refusesMissingFields() {
		assertThat(violations(new CreateFlashSale(null, null, null, null, null, null, null, null)))
			.containsExactlyInAnyOrder("skuId", "title", "priceCents", "stock", "perUserLimit", "startsAt", "endsAt",
					"payTimeoutSeconds");
	}

	private static Set<String> violations(CreateFlashSale request) {
		Set<ConstraintViolation<CreateFlashSale>> violations = validator.validate(request);
		return violations.stream()
			.map((violation) -> violation.getPropertyPath().toString())
			.collect(java.util.stream.Collectors.toSet());
	}

}
