package io.flashsale.inventory.warmup;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.flashsale.contracts.Topics;
import io.flashsale.contracts.marketing.FlashSaleScheduled;
import io.flashsale.contracts.order.OrderPlaced;
import io.flashsale.inventory.InventoryApi;
import io.flashsale.inventory.InventoryIntegrationTest;
import io.flashsale.inventory.KafkaProbe;
import io.flashsale.inventory.allocation.FlashSaleStock;
import io.flashsale.inventory.allocation.FlashSaleStocks;
import io.flashsale.platform.messaging.DeadLetters;
import io.flashsale.platform.messaging.EventJson;
import io.flashsale.platform.security.LocalTokens;
import io.flashsale.stock.StockCounters;
import io.flashsale.stock.StockSnapshot;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Windows arrive as {@code FlashSaleScheduled} on Kafka; counters are warmed in Redis by
 * the admin endpoint or the scheduled warmer (every 250 ms here, lead 10 minutes).
 */
@InventoryIntegrationTest
class WarmUpIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	LocalTokens tokens;

	@Autowired
	KafkaTemplate<String, String> kafka;

	@Autowired
	EventJson events;

	@Autowired
	FlashSaleStocks stocks;

	@Autowired
	StockCounters counters;

	@Autowired
	KafkaAdmin kafkaAdmin;

	@Autowired
	MeterRegistry meters;

	InventoryApi api;

	@BeforeEach
	void api() {
		this.api = new InventoryApi(this.port, this.tokens);
	}

	@Test
	void warmsAScheduledSaleOnRequestOnceWithItsAllocation() throws Exception {
		long sku = this.api.createSku("Sneakers", 100);
		long sale = InventoryApi.newSaleId();
		this.api.allocated(sale, sku, 30);
		// A day away: far beyond the lead, so the scheduled warmer leaves it alone.
		Instant startsAt = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS);
		Instant endsAt = startsAt.plus(Duration.ofHours(1));

		ResponseEntity<JsonNode> unscheduled = this.api.warmUp(sale);
		assertThat(unscheduled.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(unscheduled.getBody().get("code").asString()).isEqualTo("sale-not-scheduled");
		assertThat(this.counters.remaining(sale)).isEqualTo(-1);

		schedule(new FlashSaleScheduled(sale, sku, "Sneaker rush", 4_999, 30, 2, startsAt, endsAt, 900));
		InventoryApi.await("the schedule of sale " + sale + " is stored",
				() -> this.stocks.find(sale).map(FlashSaleStock::scheduled).orElse(false));
		FlashSaleStock stored = this.stocks.find(sale).orElseThrow();
		assertThat(stored.startsAt()).isEqualTo(startsAt);
		assertThat(stored.endsAt()).isEqualTo(endsAt);
		assertThat(stored.perUserLimit()).isEqualTo(2);
		assertThat(stored.allocated()).isEqualTo(30);
		assertThat(stored.remaining()).isEqualTo(30);

		ResponseEntity<JsonNode> first = this.api.warmUp(sale);
		assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(first.getBody().get("flashSaleId").asLong()).isEqualTo(sale);
		assertThat(first.getBody().get("warmed").asBoolean()).isTrue();
		assertThat(first.getBody().get("redisRemaining").asLong()).isEqualTo(30);
		assertThat(this.counters.remaining(sale)).isEqualTo(30);
		StockSnapshot snapshot = this.counters.snapshot(sale);
		assertThat(snapshot.initialStock()).isEqualTo(30);

		ResponseEntity<JsonNode> second = this.api.warmUp(sale);
		assertThat(second.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(second.getBody().get("warmed").asBoolean()).isFalse();
		assertThat(second.getBody().get("redisRemaining").asLong()).isEqualTo(30);

		JsonNode view = this.api.flashSaleStock(sale).getBody();
		assertThat(view.get("warmed").asBoolean()).isTrue();
		assertThat(view.get("redisRemaining").asLong()).isEqualTo(30);
		assertThat(view.get("allocated").asInt()).isEqualTo(30);
		assertThat(view.get("remaining").asInt()).isEqualTo(30);
	}

	@Test
	void warmsASaleStartingWithinTheLeadOnItsOwn() throws Exception {
		long sku = this.api.createSku("Headphones", 40);
		long sale = InventoryApi.newSaleId();
		this.api.allocated(sale, sku, 25);
		Instant startsAt = Instant.now().plus(Duration.ofMinutes(2));

		schedule(new FlashSaleScheduled(sale, sku, "Headphone hour", 1_999, 25, 1, startsAt,
				startsAt.plus(Duration.ofHours(1)), 900));

		InventoryApi.await("sale " + sale + " is warmed", () -> this.counters.remaining(sale) == 25);
		InventoryApi.await("sale " + sale + " is marked warmed",
				() -> this.api.flashSaleStock(sale).getBody().get("warmed").asBoolean());
		assertThat(this.counters.snapshot(sale).initialStock()).isEqualTo(25);
		// An admin warm-up now finds the counters live.
		assertThat(this.api.warmUp(sale).getBody().get("warmed").asBoolean()).isFalse();
	}

	@Test
	void keepsTheLatestScheduleWhenAnOlderOneArrivesLater() throws Exception {
		long sku = this.api.createSku("Keyboard", 10);
		long sale = InventoryApi.newSaleId();
		this.api.allocated(sale, sku, 10);
		Instant startsAt = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MILLIS);
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		FlashSaleScheduled latest = new FlashSaleScheduled(sale, sku, "Keys", 999, 10, 3, startsAt,
				startsAt.plus(Duration.ofHours(2)), 900);
		FlashSaleScheduled older = new FlashSaleScheduled(sale, sku, "Keys", 999, 10, 1, startsAt.minusSeconds(60),
				startsAt.plus(Duration.ofHours(1)), 900);

		schedule(latest, now);
		schedule(older, now.minusSeconds(30));
		schedule(latest, now);

		// The three records share a partition; a later one for the same sale proves they
		// were all read.
		FlashSaleScheduled marker = new FlashSaleScheduled(sale, sku, "Keys", 999, 10, 3, startsAt,
				startsAt.plus(Duration.ofHours(2)), 901);
		schedule(marker, now.plusMillis(1));
		InventoryApi.await("the marker schedule of sale " + sale + " is stored",
				() -> now.plusMillis(1).equals(this.stocks.find(sale).orElseThrow().scheduledAt()));
		FlashSaleStock stored = this.stocks.find(sale).orElseThrow();
		assertThat(stored.startsAt()).isEqualTo(startsAt);
		assertThat(stored.endsAt()).isEqualTo(startsAt.plus(Duration.ofHours(2)));
		assertThat(stored.perUserLimit()).isEqualTo(3);
		assertThat(stored.allocated()).isEqualTo(10);
		assertThat(stored.remaining()).isEqualTo(10);
	}

	@Test
	void refusesToRewarmASaleWhoseCountersWereLostAfterOrders() throws Exception {
		long sku = this.api.createSku("Speaker", 20);
		long sale = InventoryApi.newSaleId();
		this.api.allocated(sale, sku, 20);
		Instant startsAt = Instant.now().plus(Duration.ofDays(1));
		schedule(new FlashSaleScheduled(sale, sku, "Speakers", 2_999, 20, 2, startsAt,
				startsAt.plus(Duration.ofHours(1)), 900));
		InventoryApi.await("the schedule of sale " + sale + " is stored",
				() -> this.stocks.find(sale).map(FlashSaleStock::scheduled).orElse(false));
		assertThat(this.api.warmUp(sale).getBody().get("warmed").asBoolean()).isTrue();
		String orderId = UUID.randomUUID().toString();
		this.kafka.send(Topics.ORDERS, orderId,
				this.events.write(orderId,
						new OrderPlaced(orderId, sale, sku, "alice", 2, 5_998, startsAt.plusSeconds(900), startsAt),
						Instant.now()))
			.get();
		InventoryApi.await("the order of sale " + sale + " is applied",
				() -> this.stocks.find(sale).orElseThrow().ordersApplied() == 1);

		this.counters.forget(sale);
		ResponseEntity<JsonNode> refused = this.api.warmUp(sale);

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(refused.getBody().get("code").asString()).isEqualTo("counters-live-or-used");
		assertThat(this.counters.remaining(sale)).isEqualTo(-1);
		JsonNode view = this.api.flashSaleStock(sale).getBody();
		assertThat(view.get("warmed").asBoolean()).isTrue();
		assertThat(view.get("redisRemaining").asLong()).isEqualTo(-1);
		assertThat(view.get("remaining").asInt()).isEqualTo(18);
	}

	@Test
	void deadLettersUnreadableAndInvalidSchedulesAndStoresTheNextOne() throws Exception {
		long sku = this.api.createSku("Watch", 10);
		long sale = InventoryApi.newSaleId();
		this.api.allocated(sale, sku, 10);
		String key = String.valueOf(sale);
		Instant startsAt = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS);
		double poison = this.meters.get("flashsale.inventory.messages.poison")
			.tag("topic", Topics.FLASH_SALES)
			.counter()
			.count();

		this.kafka.send(Topics.FLASH_SALES, key, "{not json").get();
		schedule(new FlashSaleScheduled(sale, sku, "Backwards", 999, 10, 1, startsAt, startsAt.minusSeconds(1), 900));
		schedule(
				new FlashSaleScheduled(sale, sku, "Watch hour", 999, 10, 1, startsAt, startsAt.plusSeconds(3600), 900));

		InventoryApi.await("the valid schedule of sale " + sale + " is stored",
				() -> this.stocks.find(sale).map(FlashSaleStock::scheduled).orElse(false));
		assertThat(this.stocks.find(sale).orElseThrow().startsAt()).isEqualTo(startsAt);
		List<ConsumerRecord<String, String>> dead = new KafkaProbe(this.kafkaAdmin).deadLetters(Topics.FLASH_SALES, key,
				2);
		assertThat(dead).extracting((record) -> KafkaProbe.header(record, DeadLetters.REASON_HEADER).orElse(null))
			.containsExactly("unreadable", "invalid-schedule");
		assertThat(this.meters.get("flashsale.inventory.messages.poison")
			.tag("topic", Topics.FLASH_SALES)
			.counter()
			.count() - poison).isEqualTo(2.0);
	}

	@Test
	void answersAWarmUpOfAnUnknownSaleWith404() {
		ResponseEntity<JsonNode> unknown = this.api.warmUp(InventoryApi.newSaleId());
		assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(unknown.getBody().get("code").asString()).isEqualTo("flash-sale-not-found");
	}

	private void schedule(FlashSaleScheduled sale) throws Exception {
		schedule(sale, Instant.now());
	}

	private void schedule(FlashSaleScheduled sale, Instant occurredAt) throws Exception {
		String key = String.valueOf(sale.flashSaleId());
		this.kafka.send(Topics.FLASH_SALES, key, this.events.write(key, sale, occurredAt)).get();
	}

}
