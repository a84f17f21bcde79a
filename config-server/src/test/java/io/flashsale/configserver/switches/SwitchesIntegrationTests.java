package io.flashsale.configserver.switches;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.StreamSupport;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.flashsale.configserver.AdminApi;
import io.flashsale.configserver.AdminApi.Answer;
import io.flashsale.configserver.ConfigServerTest;
import io.flashsale.platform.security.LocalTokens;
import io.flashsale.testsupport.OpenApiSpecs;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ops' switch API on the running config server: defaults and their sources, overrides
 * served ahead of config-repo/, versions, rollback, the audit, the bus, and refusals.
 */
@ConfigServerTest
class SwitchesIntegrationTests {

	static final String SHED = "flashsale.switches.shed";

	static final String SALE_KILL = "flashsale.switches.sale-kill";

	static final String PASSIVE_CANCEL = "flashsale.switches.passive-cancel";

	static final String BUDGET = "flashsale.switches.slow-sql-budget-ms";

	static final String USER_RATE = "flashsale.gateway.rate-limits.user.replenish-rate";

	@LocalServerPort
	int port;

	@Autowired
	LocalTokens tokens;

	@Autowired
	Environment environment;

	@Autowired
	Clock clock;

	AdminApi api;

	String admin;

	@BeforeEach
	void resetToTheShippedDefaults() {
		this.api = new AdminApi(this.port);
		this.admin = this.tokens.admin("ops-alice");
		assertThat(rollback(0, "test starts from the shipped defaults").status()).isEqualTo(200);
	}

	@Test
	void listsEverySwitchWithItsShippedDefaultAndWhereItComesFrom() {
		Answer list = this.api.get("/api/admin/switches", this.admin);

		assertThat(list.status()).isEqualTo(200);
		JsonNode shed = find(list.body(), SHED);
		assertThat(shed.get("type").asString()).isEqualTo("enum");
		assertThat(texts(shed.get("allowed"))).containsExactly("none", "non-core", "important");
		assertThat(texts(shed.get("applications"))).containsExactly("gateway", "order-service", "payment-service",
				"marketing-service", "inventory-service");
		for (JsonNode value : shed.get("values")) {
			assertThat(value.get("value").asString()).isEqualTo("none");
			assertThat(value.get("source").asString()).isEqualTo("default: config-repo/application.yml");
		}
		JsonNode saleKill = effective(list.body(), SALE_KILL, "order-service");
		assertThat(saleKill.get("value").asBoolean()).isFalse();
		assertThat(find(list.body(), BUDGET).get("min").asLong()).isEqualTo(1);
		JsonNode userRate = find(list.body(), USER_RATE);
		assertThat(userRate.get("type").asString()).isEqualTo("number");
		assertThat(userRate.get("scope").asString()).isEqualTo("application");
		assertThat(effective(list.body(), USER_RATE, "gateway").get("value").asLong()).isEqualTo(5);
		assertThat(effective(list.body(), USER_RATE, "gateway").get("source").asString())
			.isEqualTo("default: config-repo/gateway.yml");
		assertThat(find(list.body(), "flashsale.gateway.rate-limits.redis-timeout").get("type").asString())
			.isEqualTo("duration");
		assertThat(find(list.body(), "flashsale.payment.channels.quickwallet.weight").get("applications")).hasSize(1);
		assertThat(find(list.body(), "flashsale.payment.channels.sandpay.enabled")).isNotNull();
	}

	@Test
	void aSetSwitchIsServedAheadOfConfigRepoAndBumpsTheVersion() {
		long before = publicVersion();

		Answer kill = set(SALE_KILL, true, null, "sale paused for a pricing error");
		Answer shed = set(SHED, "important", "order-service", "order-service is overloaded");

		assertThat(kill.status()).isEqualTo(200);
		assertThat(kill.body().get("version").asLong()).isEqualTo(before + 1);
		assertThat(shed.body().get("version").asLong()).isEqualTo(before + 2);
		assertThat(publicVersion()).isEqualTo(before + 2);
		JsonNode killed = kill.body().get("state").get("values").get(0);
		assertThat(killed.get("value").asBoolean()).isTrue();
		assertThat(killed.get("source").asString())
			.startsWith("override v" + (before + 1) + " (global) by ops-alice at 2026-");

		Answer orders = this.api.config("/order-service/default");
		assertThat(orders.status()).isEqualTo(200);
		assertThat(orders.body().get("version").asString()).isEqualTo(Long.toString(before + 2));
		JsonNode first = orders.body().get("propertySources").get(0);
		assertThat(first.get("name").asString()).isEqualTo("overrides");
		assertThat(first.get("source").get(SALE_KILL).asBoolean()).isTrue();
		assertThat(first.get("source").get(SHED).asString()).isEqualTo("important");
		assertThat(orders.body().get("propertySources").get(1).get("name").asString()).contains("order-service.yml");
		JsonNode marketing = this.api.config("/marketing-service/default").body().get("propertySources").get(0);
		assertThat(marketing.get("source").get(SALE_KILL).asBoolean()).isTrue();
		assertThat(marketing.get("source").has(SHED)).isFalse();

		JsonNode list = this.api.get("/api/admin/switches", this.admin).body();
		assertThat(effective(list, SHED, "order-service").get("source").asString())
			.startsWith("override v" + (before + 2) + " by ops-alice at ");
		assertThat(effective(list, SHED, "gateway").get("value").asString()).isEqualTo("none");
		assertThat(effective(list, SHED, "gateway").get("source").asString())
			.isEqualTo("default: config-repo/application.yml");
	}

	@Test
	void aLiveTunableOfOneApplicationIsSetForThatApplication() {
		Answer set = set(USER_RATE, "3", null, "tighter per-user limit for the peak");

		assertThat(set.status()).isEqualTo(200);
		JsonNode gateway = this.api.config("/gateway/default").body().get("propertySources").get(0);
		assertThat(gateway.get("source").get(USER_RATE).asLong()).isEqualTo(3);
		JsonNode orders = this.api.config("/order-service/default").body().get("propertySources").get(0);
		assertThat(orders.get("source").has(USER_RATE)).isFalse();
	}

	@Test
	void everyAdminEndpointRefusesCallersWithoutTheAdminRoleAndNothingChanges() {
		set(PASSIVE_CANCEL, false, null, "state to compare against");
		State before = state();
		String user = this.tokens.user("mallory");
		List<Object[]> calls = List.of(new Object[] { HttpMethod.GET, "/api/admin/switches", null },
				new Object[] { HttpMethod.PUT, "/api/admin/switches/" + SALE_KILL,
						Map.of("value", true, "reason", "let me in") },
				new Object[] { HttpMethod.GET, "/api/admin/switches/versions", null },
				new Object[] { HttpMethod.POST, "/api/admin/switches/rollback", Map.of("version", 0, "reason", "x") },
				new Object[] { HttpMethod.GET, "/api/admin/switches/audit", null },
				new Object[] { HttpMethod.GET, "/api/admin/plans", null },
				new Object[] { HttpMethod.POST, "/api/admin/plans/kill-sale/apply", Map.of("reason", "x") },
				new Object[] { HttpMethod.GET, "/api/admin/plans/scheduled", null },
				new Object[] { HttpMethod.DELETE, "/api/admin/plans/scheduled/anything", null });

		for (Object[] call : calls) {
			Answer anonymous = this.api.call((HttpMethod) call[0], (String) call[1], call[2], null);
			Answer shopper = this.api.call((HttpMethod) call[0], (String) call[1], call[2], user);
			assertThat(anonymous.status()).as("%s %s without a token", call[0], call[1]).isEqualTo(401);
			assertThat(shopper.status()).as("%s %s with a user token", call[0], call[1]).isEqualTo(403);
			assertThat(shopper.body().get("code").asString()).isNotBlank();
		}

		assertThat(state()).isEqualTo(before);
	}

	@Test
	void rejectsBadInputWithAProblemAndNothingChanges() {
		set(SHED, "non-core", null, "state to compare against");
		State before = state();

		assertProblem(set("flashsale.switches.no-such-switch", true, null, "typo"), 404, "unknown-switch");
		assertProblem(set(SALE_KILL, "maybe", null, "wrong type"), 400, "invalid-switch-value");
		assertProblem(set(SALE_KILL, 1, null, "wrong type"), 400, "invalid-switch-value");
		assertProblem(set(SHED, "everything", null, "not an allowed value"), 400, "invalid-switch-value");
		assertProblem(set(BUDGET, 0, null, "below the minimum"), 400, "invalid-switch-value");
		assertProblem(set(BUDGET, "fast", null, "not a number"), 400, "invalid-switch-value");
		assertProblem(set(SALE_KILL, true, "marketing-service", "an application that does not read it"), 400,
				"invalid-switch-value");
		assertProblem(set(USER_RATE, 3, "order-service", "another application's tunable"), 400, "invalid-switch-value");
		assertProblem(set(SALE_KILL, true, null, " "), 400, "invalid-request");
		assertProblem(
				this.api.call(HttpMethod.PUT, "/api/admin/switches/" + SALE_KILL, Map.of("value", true), this.admin),
				400, "invalid-request");
		assertProblem(this.api.call(HttpMethod.PUT, "/api/admin/switches/" + SALE_KILL, Map.of("reason", "no value"),
				this.admin), 400, "invalid-request");
		assertProblem(rollback(999_999, "no such version"), 404, "unknown-version");
		assertProblem(this.api.call(HttpMethod.POST, "/api/admin/switches/rollback", Map.of("version", 0), this.admin),
				400, "invalid-request");
		assertProblem(this.api.call(HttpMethod.POST, "/api/admin/switches/rollback",
				Map.of("version", -1, "reason", "negative"), this.admin), 400, "invalid-request");
		assertProblem(this.api.get("/api/admin/switches/audit?limit=0", this.admin), 400, "invalid-request");

		assertThat(state()).isEqualTo(before);
	}

	@Test
	void rollbackMakesTheOverridesExactlyThoseOfTheEarlierVersion() {
		set(SHED, "non-core", null, "peak starts");
		set(PASSIVE_CANCEL, false, null, "passive cancel off");
		long first = set(USER_RATE, 4, null, "tighter").body().get("version").asLong();
		Map<String, Object> firstOrders = overrides("order-service");
		Map<String, Object> firstGateway = overrides("gateway");
		set(SHED, "important", null, "worse");
		set(SALE_KILL, true, "order-service", "kill");
		set(BUDGET, 50, "payment-service", "guard payments");
		long second = set(PASSIVE_CANCEL, true, null, "passive cancel back").body().get("version").asLong();
		Map<String, Object> secondOrders = overrides("order-service");
		Map<String, Object> secondPayments = overrides("payment-service");
		set(USER_RATE, 9, null, "looser");

		Answer toFirst = rollback(first, "back to the first plan");

		assertThat(toFirst.status()).isEqualTo(200);
		assertThat(toFirst.body().get("version").asLong()).isEqualTo(second + 2);
		assertThat(overrides("order-service")).isEqualTo(firstOrders)
			.containsExactlyInAnyOrderEntriesOf(Map.of(SHED, "non-core", PASSIVE_CANCEL, false));
		assertThat(overrides("gateway")).isEqualTo(firstGateway).containsEntry(USER_RATE, 4);
		assertThat(overrides("payment-service")).doesNotContainKey(BUDGET);

		rollback(second, "forward again");

		assertThat(overrides("order-service")).isEqualTo(secondOrders)
			.containsExactlyInAnyOrderEntriesOf(Map.of(SHED, "important", PASSIVE_CANCEL, true, SALE_KILL, true));
		assertThat(overrides("payment-service")).isEqualTo(secondPayments).containsEntry(BUDGET, 50);
		assertThat(overrides("gateway")).containsEntry(USER_RATE, 4);
		JsonNode audit = this.api.get("/api/admin/switches/audit?limit=3", this.admin).body();
		assertThat(audit.get(0).get("action").asString()).isEqualTo("rollback");
	}

	@Test
	void theAuditSaysWhoWhenWhatAndWhyAndSurvivesARestart() {
		set(SHED, "non-core", null, "peak traffic");
		String bob = this.tokens.admin("ops-bob");
		this.api.call(HttpMethod.PUT, "/api/admin/switches/" + SHED,
				Map.of("value", "important", "reason", "worse than expected", "application", "order-service"), bob);

		JsonNode audit = this.api.get("/api/admin/switches/audit?limit=2", this.admin).body();

		assertThat(audit).hasSize(2);
		JsonNode newest = audit.get(0);
		assertThat(newest.get("by").asString()).isEqualTo("ops-bob");
		assertThat(newest.get("action").asString()).isEqualTo("set");
		assertThat(newest.get("application").asString()).isEqualTo("order-service");
		assertThat(newest.get("key").asString()).isEqualTo(SHED);
		assertThat(newest.get("oldValue").isNull()).isTrue();
		assertThat(newest.get("newValue").asString()).isEqualTo("important");
		assertThat(newest.get("reason").asString()).isEqualTo("worse than expected");
		assertThat(newest.get("at").asString()).isEqualTo(this.clock.instant().toString());
		assertThat(audit.get(1).get("by").asString()).isEqualTo("ops-alice");
		assertThat(audit.get(1).get("application").isNull()).isTrue();
		assertThat(audit.get(1).get("oldValue").isNull()).isTrue();
		assertThat(audit.get(1).get("newValue").asString()).isEqualTo("non-core");

		// A restarted server reads the same folder: a new store instance on it.
		SwitchStore restarted = new SwitchStore(Path.of("target/config-state"), this.clock);

		List<AuditEntry> reread = restarted.audit(2);
		assertThat(reread).extracting(AuditEntry::by).containsExactly("ops-bob", "ops-alice");
		assertThat(reread).extracting(AuditEntry::version)
			.containsExactly(newest.get("version").asLong(), audit.get(1).get("version").asLong());
		assertThat(reread.get(0).reason()).isEqualTo("worse than expected");
		assertThat(restarted.current().version()).isEqualTo(publicVersion());
		assertThat(restarted.current().valuesFor("order-service")).isEqualTo(overrides("order-service"));
		assertThat(restarted.versions())
			.hasSize(this.api.get("/api/admin/switches/versions", this.admin).body().size());
	}

	@Test
	void aChangeIsAnnouncedToEveryServiceOnTheBusOverKafka() {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				this.environment.getRequiredProperty("spring.kafka.bootstrap-servers"));
		properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
			List<TopicPartition> partitions = consumer.partitionsFor("springCloudBus", Duration.ofSeconds(10))
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToEnd(partitions);
			partitions.forEach(consumer::position);

			long version = set(SALE_KILL, true, null, "announce me").body().get("version").asLong();

			JsonMapper json = JsonMapper.builder().build();
			List<JsonNode> events = new ArrayList<>();
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			while (events.stream().noneMatch(SwitchesIntegrationTests::isRefreshForAll)
					&& System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					events.add(json.readTree(record.value()));
				}
			}
			assertThat(events).as("bus events after version %d", version)
				.anyMatch(SwitchesIntegrationTests::isRefreshForAll);
			assertThat(events.stream()
				.filter(SwitchesIntegrationTests::isRefreshForAll)
				.findFirst()
				.orElseThrow()
				.get("originService")
				.asString()).startsWith("config-server");
		}
	}

	@Test
	void theApiDescriptionMatchesTheCommittedSpec() throws java.io.IOException {
		String body = org.springframework.web.client.RestClient.create("http://127.0.0.1:" + this.port)
			.get()
			.uri("/v3/api-docs")
			.retrieve()
			.body(String.class);

		OpenApiSpecs.assertMatchesCommitted("config-server", body);
	}

	private static boolean isRefreshForAll(JsonNode event) {
		return "RefreshRemoteApplicationEvent".equals(event.path("type").asString(""))
				&& event.path("destinationService").asString("").startsWith("**");
	}

	private Answer set(String key, Object value, String application, String reason) {
		Map<String, Object> body = new java.util.HashMap<>();
		body.put("value", value);
		body.put("reason", reason);
		if (application != null) {
			body.put("application", application);
		}
		return this.api.call(HttpMethod.PUT, "/api/admin/switches/" + key, body, this.admin);
	}

	private Answer rollback(long version, String reason) {
		return this.api.call(HttpMethod.POST, "/api/admin/switches/rollback",
				Map.of("version", version, "reason", reason), this.admin);
	}

	private long publicVersion() {
		return this.api.get("/api/switches/version", null).body().get("version").asLong();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> overrides(String application) {
		JsonNode first = this.api.config("/" + application + "/default").body().get("propertySources").get(0);
		assertThat(first.get("name").asString()).isEqualTo("overrides");
		return JsonMapper.builder().build().convertValue(first.get("source"), Map.class);
	}

	private State state() {
		return new State(publicVersion(), this.api.get("/api/admin/switches/audit?limit=1000", this.admin).body(),
				this.api.get("/api/admin/plans/scheduled", this.admin).body());
	}

	private static void assertProblem(Answer answer, int status, String code) {
		assertThat(answer.status()).as("%s", answer.body()).isEqualTo(status);
		assertThat(answer.body().get("code").asString()).isEqualTo(code);
		assertThat(answer.body().get("type").asString()).isEqualTo("https://flashsale.dev/problems/" + code);
	}

	static JsonNode find(JsonNode list, String key) {
		return StreamSupport.stream(list.get("switches").spliterator(), false)
			.filter((node) -> node.get("key").asString().equals(key))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no switch " + key));
	}

	static JsonNode effective(JsonNode list, String key, String application) {
		return StreamSupport.stream(find(list, key).get("values").spliterator(), false)
			.filter((node) -> node.get("application").asString().equals(application))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no value of " + key + " for " + application));
	}

	private static List<String> texts(JsonNode array) {
		return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asString).toList();
	}

	/** What a refused or rejected request must leave alone. */
	record State(long version, JsonNode audit, JsonNode scheduled) {

	}

}
