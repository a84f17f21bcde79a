package io.flashsale.configserver.plans;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.flashsale.configserver.AdminApi;
import io.flashsale.configserver.AdminApi.Answer;
import io.flashsale.configserver.ConfigServerTest;
import io.flashsale.configserver.MutableClock;
import io.flashsale.platform.security.LocalTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plans from config-repo/plans.yml on the running config server: applied now, or on a
 * schedule with the restore at its end, driven by a clock the test moves.
 */
@ConfigServerTest
class PlansIntegrationTests {

	static final String SHED = "flashsale.switches.shed";

	static final String SALE_KILL = "flashsale.switches.sale-kill";

	static final String GUARD = "flashsale.switches.slow-sql-guard";

	static final String PASSIVE_CANCEL = "flashsale.switches.passive-cancel";

	@LocalServerPort
	int port;

	@Autowired
	LocalTokens tokens;

	@Autowired
	MutableClock clock;

	@Autowired
	PlanScheduler scheduler;

	AdminApi api;

	String admin;

	@BeforeEach
	void resetToTheShippedDefaults() {
		this.api = new AdminApi(this.port);
		this.admin = this.tokens.admin("ops-carol");
		assertThat(this.api
			.call(HttpMethod.POST, "/api/admin/switches/rollback",
					Map.of("version", 0, "reason", "test starts from the shipped defaults"), this.admin)
			.status()).isEqualTo(200);
	}

	@Test
	void listsTheShippedPlansAndEveryOneFitsTheCatalog() {
		JsonNode plans = this.api.get("/api/admin/plans", this.admin).body();

		assertThat(StreamSupport.stream(plans.spliterator(), false).map((plan) -> plan.get("name").asString()))
			.contains("peak-degrade", "kill-sale");
		for (JsonNode plan : plans) {
			assertThat(plan.get("problems")).as(plan.get("name").asString()).isEmpty();
			assertThat(plan.get("description").asString()).isNotBlank();
		}
		JsonNode peak = plan(plans, "peak-degrade");
		assertThat(value(peak, SHED)).isEqualTo("non-core");
		assertThat(value(peak, PASSIVE_CANCEL)).isEqualTo(false);
		assertThat(value(plan(plans, "kill-sale"), SALE_KILL)).isEqualTo(true);
	}

	@Test
	void applyingAPlanNowSetsAllItsValuesInOneVersion() {
		long before = version();

		Answer applied = apply("peak-degrade", null, null, "traffic at 8x");

		assertThat(applied.status()).isEqualTo(200);
		assertThat(applied.body().get("applied").asBoolean()).isTrue();
		assertThat(applied.body().get("version").asLong()).isEqualTo(before + 1);
		assertThat(applied.body().get("scheduled").isNull()).isTrue();
		assertThat(overrides("order-service")).containsExactlyInAnyOrderEntriesOf(Map.of(SHED, "non-core",
				PASSIVE_CANCEL, false, GUARD, true, "flashsale.switches.verbose-logging", false));
		// One audit line per value of the plan (peak-degrade sets four).
		JsonNode audit = this.api.get("/api/admin/switches/audit?limit=4", this.admin).body();
		assertThat(audit).hasSize(4);
		for (JsonNode entry : audit) {
			assertThat(entry.get("action").asString()).isEqualTo("plan-apply");
			assertThat(entry.get("plan").asString()).isEqualTo("peak-degrade");
			assertThat(entry.get("version").asLong()).isEqualTo(before + 1);
			assertThat(entry.get("by").asString()).isEqualTo("ops-carol");
		}
	}

	@Test
	void aScheduledPlanAppliesAtItsStartAndRestoresTheExactEarlierValuesAtItsEnd() {
		// Before the plan: one override of a key the plan sets, one of a key it does not.
		set(SHED, "important", "order-service", "order-service was struggling");
		set(SALE_KILL, true, null, "paused since noon");
		Map<String, Object> ordersBefore = overrides("order-service");
		Map<String, Object> gatewayBefore = overrides("gateway");
		// The seeds' example: degrade at 23:55, restore at 00:05.
		Instant now = this.clock.instant();
		Instant at = now.atOffset(ZoneOffset.UTC).with(LocalTime.of(23, 55)).toInstant();
		if (!at.isAfter(now)) {
			at = at.plus(Duration.ofDays(1));
		}
		Instant until = at.plus(Duration.ofMinutes(10));
		long before = version();

		Answer scheduled = apply("peak-degrade", at, until, "the 23:55 rush");

		assertThat(scheduled.status()).isEqualTo(202);
		assertThat(scheduled.body().get("applied").asBoolean()).isFalse();
		String id = scheduled.body().get("scheduled").get("id").asString();
		assertThat(status(id)).isEqualTo("SCHEDULED");
		assertThat(version()).isEqualTo(before);

		this.clock.advance(Duration.between(now, at).minusSeconds(1));
		this.scheduler.runDue();
		assertThat(status(id)).isEqualTo("SCHEDULED");
		assertThat(version()).isEqualTo(before);

		this.clock.advance(Duration.ofSeconds(1));
		await(() -> status(id).equals("ACTIVE"));

		assertThat(version()).isEqualTo(before + 1);
		// An application's own value wins over a global one, the plan's included.
		assertThat(overrides("order-service")).containsEntry(SHED, "important")
			.containsEntry(PASSIVE_CANCEL, false)
			.containsEntry(SALE_KILL, true);
		assertThat(overrides("gateway")).containsEntry(SHED, "non-core");

		this.clock.advance(Duration.ofMinutes(10));
		await(() -> status(id).equals("DONE"));

		assertThat(version()).isEqualTo(before + 2);
		assertThat(overrides("order-service")).isEqualTo(ordersBefore)
			.containsExactlyInAnyOrderEntriesOf(Map.of(SHED, "important", SALE_KILL, true));
		assertThat(overrides("gateway")).isEqualTo(gatewayBefore)
			.containsExactlyInAnyOrderEntriesOf(Map.of(SALE_KILL, true));
		JsonNode entry = scheduledPlan(id);
		assertThat(entry.get("appliedVersion").asLong()).isEqualTo(before + 1);
		assertThat(entry.get("restoredVersion").asLong()).isEqualTo(before + 2);
		JsonNode audit = this.api.get("/api/admin/switches/audit?limit=1", this.admin).body();
		assertThat(audit.get(0).get("action").asString()).isEqualTo("plan-restore");
		assertThat(audit.get(0).get("plan").asString()).isEqualTo("peak-degrade");
	}

	@Test
	void aCancelledPlanIsNeverApplied() {
		Instant at = this.clock.instant().plus(Duration.ofHours(1));
		String id = apply("kill-sale", at, null, "pause at the top of the hour").body()
			.get("scheduled")
			.get("id")
			.asString();
		long before = version();

		Answer cancelled = this.api.call(HttpMethod.DELETE, "/api/admin/plans/scheduled/" + id, null, this.admin);
		this.clock.advance(Duration.ofHours(2));
		this.scheduler.runDue();

		assertThat(cancelled.status()).isEqualTo(200);
		assertThat(status(id)).isEqualTo("CANCELLED");
		assertThat(version()).isEqualTo(before);
		assertThat(overrides("order-service")).doesNotContainKey(SALE_KILL);
		assertProblem(this.api.call(HttpMethod.DELETE, "/api/admin/plans/scheduled/" + id, null, this.admin), 409,
				"scheduled-plan-finished");
	}

	@Test
	void scheduledPlansSurviveARestart() {
		Instant at = this.clock.instant().plus(Duration.ofHours(1));
		Instant until = at.plus(Duration.ofMinutes(30));
		String id = apply("peak-degrade", at, until, "tonight's sale").body().get("scheduled").get("id").asString();

		// A restarted server reads the same folder.
		ScheduledPlans restarted = new ScheduledPlans(Path.of("target/config-state/scheduled-plans.json"));

		ScheduledPlan reread = restarted.find(id).orElseThrow();
		assertThat(reread.status()).isEqualTo(ScheduledPlan.Status.SCHEDULED);
		assertThat(reread.at()).isEqualTo(at);
		assertThat(reread.until()).isEqualTo(until);
		assertThat(reread.by()).isEqualTo("ops-carol");
		assertThat(reread.values()).extracting(Plan.PlanValue::key).contains(SHED, PASSIVE_CANCEL);
		this.api.call(HttpMethod.DELETE, "/api/admin/plans/scheduled/" + id, null, this.admin);
	}

	@Test
	void rejectsBadPlanRequestsAndNothingChanges() {
		Instant now = this.clock.instant();
		long before = version();
		JsonNode scheduledBefore = this.api.get("/api/admin/plans/scheduled", this.admin).body();
		JsonNode auditBefore = this.api.get("/api/admin/switches/audit?limit=1000", this.admin).body();

		assertProblem(apply("no-such-plan", null, null, "typo"), 404, "unknown-plan");
		assertProblem(apply("peak-degrade", now.plus(Duration.ofHours(2)), now.plus(Duration.ofHours(1)),
				"ends before it starts"), 400, "invalid-schedule");
		assertProblem(apply("peak-degrade", now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(1)),
				"ends as it starts"), 400, "invalid-schedule");
		assertProblem(apply("peak-degrade", null, now.minus(Duration.ofHours(1)), "ended already"), 400,
				"invalid-schedule");
		assertProblem(apply("peak-degrade", now.minus(Duration.ofDays(1)), null, "yesterday"), 400, "invalid-schedule");
		assertProblem(apply("peak-degrade", null, null, ""), 400, "invalid-request");
		assertProblem(this.api.call(HttpMethod.POST, "/api/admin/plans/peak-degrade/apply",
				Map.of("at", "tonight", "reason", "not a time"), this.admin), 400, "invalid-request");
		assertProblem(this.api.call(HttpMethod.DELETE, "/api/admin/plans/scheduled/nope", null, this.admin), 404,
				"unknown-scheduled-plan");

		assertThat(version()).isEqualTo(before);
		assertThat(this.api.get("/api/admin/plans/scheduled", this.admin).body()).isEqualTo(scheduledBefore);
		assertThat(this.api.get("/api/admin/switches/audit?limit=1000", this.admin).body()).isEqualTo(auditBefore);
	}

	private Answer apply(String plan, Instant at, Instant until, String reason) {
		Map<String, Object> body = new HashMap<>();
		body.put("reason", reason);
		if (at != null) {
			body.put("at", at.toString());
		}
		if (until != null) {
			body.put("until", until.toString());
		}
		return this.api.call(HttpMethod.POST, "/api/admin/plans/" + plan + "/apply", body, this.admin);
	}

	private void set(String key, Object value, String application, String reason) {
		Map<String, Object> body = new HashMap<>();
		body.put("value", value);
		body.put("reason", reason);
		if (application != null) {
			body.put("application", application);
		}
		assertThat(this.api.call(HttpMethod.PUT, "/api/admin/switches/" + key, body, this.admin).status())
			.isEqualTo(200);
	}

	private long version() {
		return this.api.get("/api/switches/version", null).body().get("version").asLong();
	}

	private JsonNode scheduledPlan(String id) {
		return StreamSupport.stream(this.api.get("/api/admin/plans/scheduled", this.admin).body().spliterator(), false)
			.filter((plan) -> plan.get("id").asString().equals(id))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no scheduled plan " + id));
	}

	private String status(String id) {
		return scheduledPlan(id).get("status").asString();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> overrides(String application) {
		JsonNode first = this.api.config("/" + application + "/default").body().get("propertySources").get(0);
		assertThat(first.get("name").asString()).isEqualTo("overrides");
		return JsonMapper.builder().build().convertValue(first.get("source"), Map.class);
	}

	private static JsonNode plan(JsonNode plans, String name) {
		return StreamSupport.stream(plans.spliterator(), false)
			.filter((plan) -> plan.get("name").asString().equals(name))
			.findFirst()
			.orElseThrow();
	}

	private static Object value(JsonNode plan, String key) {
		JsonNode value = StreamSupport.stream(plan.get("values").spliterator(), false)
			.filter((node) -> node.get("key").asString().equals(key))
			.findFirst()
			.orElseThrow()
			.get("value");
		return value.isBoolean() ? value.asBoolean() : value.asString();
	}

	private static void assertProblem(Answer answer, int status, String code) {
		assertThat(answer.status()).as("%s", answer.body()).isEqualTo(status);
		assertThat(answer.body().get("code").asString()).isEqualTo(code);
	}

	/** Waits for the scheduler's tick (every 200 ms in tests), at most 10 s. */
	private static void await(BooleanSupplier condition) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("condition met within 10 s").isLessThan(deadline);
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}

}
