package io.flashsale.marketing.coupon;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import io.flashsale.marketing.MarketingIntegrationTest;
import io.flashsale.platform.security.LocalTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static io.flashsale.marketing.coupon.CouponFixtures.assertProblem;
import static io.flashsale.marketing.coupon.CouponFixtures.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Creating coupon templates through the admin API on real MariaDB and Redis: each kind's
 * rules, the counters a claim needs prepared at once, and every malformed template
 * refused with a problem and nothing stored.
 */
@MarketingIntegrationTest
class CouponTemplateIntegrationTests {

	private static final Object REMOVED = new Object();

	@Autowired
	LocalTokens tokens;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	CouponCounters counters;

	@LocalServerPort
	int port;

	CouponFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.fixtures = new CouponFixtures(this.port, this.tokens, this.jdbc);
	}

	@Test
	void createsAPercentTemplateForListedSkusWithFixedValidityAndPreparesItsCounters() throws Exception {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		Map<String, Object> body = merged(CouponFixtures.template(250, 2),
				Map.of("kind", "PERCENT", "amountOffCents", REMOVED, "percentOffBasisPoints", 1500, "capCents", 3000,
						"scope", "SKUS", "scopeIds", List.of(11, 12, 13), "validDays", REMOVED, "validFrom",
						now.toString(), "validUntil", now.plus(30, ChronoUnit.DAYS).toString()));

		HttpResponse<String> created = this.fixtures.createAs(body, this.tokens.admin("ops-create"));

		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		JsonNode template = body(created);
		long id = template.path("id").asLong();
		assertThat(created.headers().firstValue("Location")).hasValue("/api/admin/coupon-templates/" + id);
		JsonNode read = body(this.fixtures.get("/api/admin/coupon-templates/" + id, this.tokens.admin("ops")));
		assertThat(read).isEqualTo(template);
		assertThat(read.path("kind").asString()).isEqualTo("PERCENT");
		assertThat(read.path("percentOffBasisPoints").asInt()).isEqualTo(1500);
		assertThat(read.path("capCents").asLong()).isEqualTo(3000);
		assertThat(read.path("amountOffCents").isNull()).isTrue();
		assertThat(read.path("scopeIds").valueStream().map(JsonNode::asLong)).containsExactly(11L, 12L, 13L);
		assertThat(read.path("currency").asString()).isEqualTo("CNY");
		assertThat(Instant.parse(read.path("validUntil").asString())).isEqualTo(now.plus(30, ChronoUnit.DAYS));
		assertThat(read.path("remaining").asLong()).isEqualTo(250);
		assertThat(this.counters.remaining(id)).hasValue(250L);
		assertThat(this.jdbc.queryForObject("SELECT created_by FROM coupon_template WHERE id = ?", String.class, id))
			.isEqualTo("ops-create");
	}

	@Test
	void createsASpendSaveTemplateForShops() throws Exception {
		Map<String, Object> body = merged(CouponFixtures.template(10, 1), Map.of("kind", "SPEND_SAVE", "thresholdCents",
				9900, "amountOffCents", 900, "scope", "SHOP", "scopeIds", List.of(7)));

		HttpResponse<String> created = this.fixtures.createAs(body, this.tokens.admin("ops"));

		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(body(created).path("thresholdCents").asLong()).isEqualTo(9900);
		assertThat(body(created).path("validDays").asInt()).isEqualTo(7);
	}

	static Stream<Arguments> malformedTemplates() {
		return Stream.of(arguments("no name", Map.of("name", REMOVED)),
				arguments("unknown kind", Map.of("kind", "FREEBIE")),
				arguments("FIXED without amount", Map.of("amountOffCents", REMOVED)),
				arguments("FIXED with a percentage", Map.of("percentOffBasisPoints", 500)),
				arguments("negative amount", Map.of("amountOffCents", -1)),
				arguments("PERCENT without basis points",
						Map.of("kind", "PERCENT", "amountOffCents", REMOVED, "capCents", 100)),
				arguments("PERCENT of 100 %",
						Map.of("kind", "PERCENT", "amountOffCents", REMOVED, "percentOffBasisPoints", 10_000)),
				arguments("PERCENT of 0",
						Map.of("kind", "PERCENT", "amountOffCents", REMOVED, "percentOffBasisPoints", 0)),
				arguments("PERCENT with an amount", Map.of("kind", "PERCENT", "percentOffBasisPoints", 1000)),
				arguments("SPEND_SAVE saving the whole threshold", Map.of("kind", "SPEND_SAVE", "thresholdCents", 500)),
				arguments("SPEND_SAVE without threshold", Map.of("kind", "SPEND_SAVE")),
				arguments("PLATFORM with ids", Map.of("scopeIds", List.of(1))),
				arguments("SHOP without ids", Map.of("scope", "SHOP")),
				arguments("SKUS with a repeated id", Map.of("scope", "SKUS", "scopeIds", List.of(4, 4))),
				arguments("SKUS with a zero id", Map.of("scope", "SKUS", "scopeIds", List.of(0))),
				arguments("no stock", Map.of("totalStock", 0)),
				arguments("stock above ten million", Map.of("totalStock", 10_000_001)),
				arguments("limit of zero", Map.of("perUserLimit", 0)),
				arguments("limit above stock", Map.of("totalStock", 2, "perUserLimit", 3)),
				arguments("window ending before it starts",
						Map.of("claimStartsAt", "2030-01-02T00:00:00Z", "claimEndsAt", "2030-01-01T00:00:00Z")),
				arguments("window already ended",
						Map.of("claimStartsAt", "2020-01-01T00:00:00Z", "claimEndsAt", "2020-01-02T00:00:00Z")),
				arguments("both validities",
						Map.of("validFrom", "2030-01-01T00:00:00Z", "validUntil", "2030-02-01T00:00:00Z")),
				arguments("no validity", Map.of("validDays", REMOVED)),
				arguments("validUntil without validFrom",
						Map.of("validDays", REMOVED, "validUntil", "2030-02-01T00:00:00Z")),
				arguments("validity ending before it starts",
						Map.of("validDays", REMOVED, "validFrom", "2030-02-01T00:00:00Z", "validUntil",
								"2030-01-01T00:00:00Z")),
				arguments("zero validity days", Map.of("validDays", 0)),
				arguments("amount as text", Map.of("amountOffCents", "five")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("malformedTemplates")
	void refusesAMalformedTemplateWithAProblemAndStoresNothing(String why, Map<String, Object> change) {
		int before = templates();

		HttpResponse<String> refused = this.fixtures.createAs(merged(CouponFixtures.template(100, 1), change),
				this.tokens.admin("ops"));

		assertProblem(refused, 400, "invalid-request");
		assertThat(templates()).isEqualTo(before);
	}

	@Test
	void keepsTemplatesToAdmins() {
		int before = templates();

		assertProblem(this.fixtures.createAs(CouponFixtures.template(5, 1), this.tokens.user("mallory")), 403,
				"forbidden");
		assertProblem(this.fixtures.createAs(CouponFixtures.template(5, 1), null), 401, "unauthenticated");
		assertProblem(this.fixtures.get("/api/admin/coupon-templates/1", this.tokens.user("mallory")), 403,
				"forbidden");
		assertProblem(this.fixtures.get("/api/admin/coupon-templates/999999999", this.tokens.admin("ops")), 404,
				"coupon-template-not-found");
		assertThat(templates()).isEqualTo(before);
	}

	private int templates() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM coupon_template", Integer.class);
	}

	private static Map<String, Object> merged(Map<String, Object> body, Map<String, Object> change) {
		Map<String, Object> merged = new LinkedHashMap<>(body);
		change.forEach((field, value) -> {
			if (value == REMOVED) {
				merged.remove(field);
			}
			else {
				merged.put(field, value);
			}
		});
		return merged;
	}

}
