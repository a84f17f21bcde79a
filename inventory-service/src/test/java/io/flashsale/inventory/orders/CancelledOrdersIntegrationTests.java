package io.flashsale.inventory.orders;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.flashsale.contracts.Topics;
import io.flashsale.contracts.order.OrderCancelled;
import io.flashsale.contracts.order.OrderPlaced;
import io.flashsale.inventory.InventoryApi;
import io.flashsale.inventory.InventoryIntegrationTest;
import io.flashsale.inventory.KafkaProbe;
import io.flashsale.inventory.allocation.FlashSaleStocks;
import io.flashsale.platform.messaging.DeadLetters;
import io.flashsale.platform.messaging.EventJson;
import io.flashsale.platform.messaging.ProcessedMessages;
import io.flashsale.platform.security.LocalTokens;
import io.flashsale.stock.Reservation;
import io.flashsale.stock.ReserveCommand;
import io.flashsale.stock.ReserveOutcome;
import io.flashsale.stock.SaleCounters;
import io.flashsale.stock.StockCounters;
import io.flashsale.stock.StockKeys;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.SendResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code OrderCancelled} records on real Kafka give the units of placed orders back to
 * the sale's stock in MariaDB and to its counters in Redis, exactly once each. Orders are
 * reserved and confirmed in Redis as order-service's writer does, then placed on Kafka.
 */
@InventoryIntegrationTest
class CancelledOrdersIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	LocalTokens tokens;

	@Autowired
	KafkaTemplate<String, String> kafka;

	@Autowired
	KafkaAdmin kafkaAdmin;

	@Autowired
	EventJson events;

	@Autowired
	FlashSaleStocks stocks;

	@Autowired
	OrderStocks orderStocks;

	@Autowired
	ProcessedMessages processed;

	@Autowired
	StockCounters counters;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	MeterRegistry meters;

	InventoryApi api;

	KafkaProbe topic;

	@BeforeEach
	void api() {
		this.api = new InventoryApi(this.port, this.tokens);
		this.topic = new KafkaProbe(this.kafkaAdmin);
	}

	/**
	 * 150 units, limit 1; 100 buyers place one-unit orders, then 40 of them (seed 4) are
	 * cancelled, each cancellation delivered 3 times (twice the same envelope, once
	 * re-published), the 120 records shuffled (seed 4) and keyed by order id over 3
	 * partitions.
	 */
	@Test
	void returnsFortyOfAHundredCancelledOrdersExactlyOnceToTheDatabaseAndRedis() throws Exception {
		long sale = allocatedAndWarmedSale(150, 1);
		List<OrderPlaced> orders = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			orders.add(placedOrder(sale, "buyer-" + i, 1));
		}
		sendAll(orders.stream()
			.map((order) -> record(order.orderId(), this.events.write(order.orderId(), order, Instant.now())))
			.toList());
		InventoryApi.await("100 orders applied", () -> this.stocks.find(sale).orElseThrow().ordersApplied() == 100);
		assertThat(this.stocks.find(sale).orElseThrow().remaining()).isEqualTo(50);
		assertThat(this.counters.remaining(sale)).isEqualTo(50);

		List<OrderPlaced> shuffled = new ArrayList<>(orders);
		Collections.shuffle(shuffled, new Random(4));
		List<OrderPlaced> cancelled = shuffled.subList(0, 40);
		List<ProducerRecordSpec> deliveries = new ArrayList<>();
		for (OrderPlaced order : cancelled) {
			OrderCancelled cancellation = cancellation(order);
			String envelope = this.events.write(order.orderId(), cancellation, cancellation.cancelledAt());
			deliveries.add(record(order.orderId(), envelope));
			deliveries.add(record(order.orderId(), envelope));
			deliveries.add(record(order.orderId(),
					this.events.write(order.orderId(), cancellation, cancellation.cancelledAt())));
		}
		Collections.shuffle(deliveries, new Random(4));
		double returnedToDatabase = returned("database");
		double returnedToRedis = returned("redis");
		double skipped = counter("flashsale.inventory.cancel.skipped");
		double conflicts = counter("flashsale.inventory.stock.conflicts");

		sendAll(deliveries);
		this.topic.awaitOrdersDrained();

		assertThat(this.stocks.find(sale).orElseThrow().remaining()).as("database stock").isEqualTo(50 + 40);
		assertThat(this.orderStocks.returnedUnits(sale)).isEqualTo(40);
		assertThat(this.counters.remaining(sale)).as("Redis stock").isEqualTo(50 + 40);
		assertThat(returned("database") - returnedToDatabase).isEqualTo(40.0);
		assertThat(returned("redis") - returnedToRedis).isEqualTo(40.0);
		assertThat(counter("flashsale.inventory.cancel.skipped") - skipped).isZero();
		assertThat(counter("flashsale.inventory.stock.conflicts") - conflicts).isZero();
		for (OrderPlaced order : cancelled) {
			assertThat(this.processed.isProcessed(CancelledOrders.CONSUMER, order.orderId())).isTrue();
			assertThat(this.counters.reservation(sale, order.orderId())).get()
				.extracting(Reservation::state)
				.isEqualTo(Reservation.State.CANCELLED);
		}
		assertThat(this.counters.repair(sale).drift()).as("Redis stock agrees with its reservations").isZero();

		int reservedAgain = 0;
		int refused = 0;
		for (OrderPlaced order : orders) {
			ReserveOutcome again = reserve(sale, order.userId(), 1);
			if (cancelled.contains(order)) {
				assertThat(again).as("a cancelled buyer's limit is restored")
					.isInstanceOf(ReserveOutcome.Reserved.class);
				reservedAgain++;
			}
			else {
				assertThat(again).as("the others still hold their unit").isEqualTo(new ReserveOutcome.LimitExceeded(1));
				refused++;
			}
		}
		assertThat(reservedAgain).isEqualTo(40);
		assertThat(refused).isEqualTo(60);
		assertThat(this.counters.remaining(sale)).isEqualTo(50);
	}

	@Test
	void givesEachStoreBackOnlyWhatItTookWhenTheOrderWasPlacedOnlyAfterItsCancellation() throws Exception {
		long sale = allocatedAndWarmedSale(5, 2);
		// Reserved and confirmed in Redis; its OrderPlaced reaches inventory only after
		// the
		// cancellation, as an outbox resubmission could make it.
		OrderPlaced order = placedOrder(sale, "carol", 2);
		double skipped = counter("flashsale.inventory.cancel.skipped");
		double conflicts = counter("flashsale.inventory.stock.conflicts");

		OrderCancelled cancellation = cancellation(order);
		String envelope = this.events.write(order.orderId(), cancellation, cancellation.cancelledAt());
		sendAll(List.of(record(order.orderId(), envelope), record(order.orderId(), envelope)));
		this.topic.awaitOrdersDrained();
		sendAll(List.of(record(order.orderId(), this.events.write(order.orderId(), order, Instant.now()))));
		this.topic.awaitOrdersDrained();

		assertThat(this.processed.isProcessed(PlacedOrders.CONSUMER, order.orderId())).isTrue();
		assertThat(this.stocks.find(sale).orElseThrow().remaining()).as("database stock untouched").isEqualTo(5);
		assertThat(this.stocks.find(sale).orElseThrow().ordersApplied()).isZero();
		assertThat(counter("flashsale.inventory.cancel.skipped") - skipped).isEqualTo(1.0);
		assertThat(counter("flashsale.inventory.stock.conflicts") - conflicts).isZero();
		assertThat(this.counters.remaining(sale)).as("Redis took 2, gets 2 back").isEqualTo(5);
		assertThat(this.counters.reservation(sale, order.orderId())).get()
			.extracting(Reservation::state)
			.isEqualTo(Reservation.State.CANCELLED);
	}

	@Test
	void announcesTheStockThatACancellationBringsBackToASoldOutSale() throws Exception {
		long sale = allocatedAndWarmedSale(2, 1);
		OrderPlaced first = placedOrder(sale, "dave", 1);
		OrderPlaced second = placedOrder(sale, "erin", 1);
		sendAll(List.of(record(first.orderId(), this.events.write(first.orderId(), first, Instant.now())),
				record(second.orderId(), this.events.write(second.orderId(), second, Instant.now()))));
		InventoryApi.await("2 orders applied", () -> this.stocks.find(sale).orElseThrow().ordersApplied() == 2);
		assertThat(this.counters.remaining(sale)).isZero();

		BlockingQueue<String> announced = new LinkedBlockingQueue<>();
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(this.redis.getRequiredConnectionFactory());
		container.addMessageListener((message, pattern) -> announced.add(new String(message.getBody())),
				new ChannelTopic(StockKeys.STOCK_CHANNEL));
		container.afterPropertiesSet();
		container.start();
		try {
			String probe = "probe-" + UUID.randomUUID();
			InventoryApi.await("subscribed", () -> {
				this.redis.convertAndSend(StockKeys.STOCK_CHANNEL, probe);
				return announced.remove(probe);
			});
			OrderCancelled cancellation = cancellation(first);
			sendAll(List.of(record(first.orderId(),
					this.events.write(first.orderId(), cancellation, cancellation.cancelledAt()))));
			String expected = sale + ":1";
			String message;
			do {
				message = announced.poll(20, TimeUnit.SECONDS);
			}
			while (message != null && !message.equals(expected));
			assertThat(message).isEqualTo(expected);
		}
		finally {
			container.stop();
			container.destroy();
		}
		assertThat(this.stocks.find(sale).orElseThrow().remaining()).isEqualTo(1);
	}

	@Test
	void deadLettersPoisonRecordsWithTheirReasonAndAppliesTheNextRecord() throws Exception {
		long sale = allocatedAndWarmedSale(10, 3);
		String key = UUID.randomUUID().toString();
		OrderPlaced order = placedOrder(sale, "frank", 3);
		OrderCancelled invalid = new OrderCancelled(order.orderId(), sale, 1, "frank", 0, OrderCancelled.EXPIRED,
				Instant.now());
		OrderCancelled cancellation = cancellation(order);
		double poison = this.meters.get("flashsale.inventory.messages.poison")
			.tag("topic", Topics.ORDERS)
			.counter()
			.count();

		sendAll(List.of(record(key, "{not json"), record(key, this.events.write(key, invalid, Instant.now())),
				record(key, this.events.write(order.orderId(), order, Instant.now())),
				record(key, this.events.write(order.orderId(), cancellation, cancellation.cancelledAt()))));
		this.topic.awaitOrdersDrained();

		List<ConsumerRecord<String, String>> dead = this.topic.deadLetters(Topics.ORDERS, key, 2);
		assertThat(dead).hasSize(2);
		assertThat(dead).extracting((record) -> KafkaProbe.header(record, DeadLetters.REASON_HEADER).orElse(null))
			.containsExactly("unreadable", "invalid-cancellation");
		assertThat(dead).extracting((record) -> KafkaProbe.header(record, KafkaHeaders.DLT_ORIGINAL_TOPIC).orElse(null))
			.containsOnly(Topics.ORDERS);
		assertThat(dead.get(0).value()).isEqualTo("{not json");
		assertThat(this.meters.get("flashsale.inventory.messages.poison").tag("topic", Topics.ORDERS).counter().count()
				- poison)
			.isEqualTo(2.0);
		assertThat(this.meters.get("flashsale.kafka.dead.lettered")
			.tags("topic", Topics.ORDERS, "reason", "invalid-cancellation")
			.counter()
			.count()).isGreaterThanOrEqualTo(1.0);

		assertThat(this.stocks.find(sale).orElseThrow().ordersApplied()).as("the good order after them").isEqualTo(1);
		assertThat(this.stocks.find(sale).orElseThrow().remaining()).as("and its cancellation").isEqualTo(10);
		assertThat(this.counters.remaining(sale)).isEqualTo(10);
	}

	private long allocatedAndWarmedSale(int units, int perUserLimit) {
		long sku = this.api.createSku("Item", units);
		long sale = InventoryApi.newSaleId();
		this.api.allocated(sale, sku, units);
		Instant now = Instant.now();
		assertThat(this.counters.warm(new SaleCounters(sale, units, now.minus(Duration.ofMinutes(1)),
				now.plus(Duration.ofHours(1)), perUserLimit)))
			.isTrue();
		return sale;
	}

	/** Reserves and confirms in Redis, as order-service does before placing the order. */
	private OrderPlaced placedOrder(long sale, String user, int quantity) {
		String orderId = UUID.randomUUID().toString();
		assertThat(this.counters.reserve(
				new ReserveCommand(sale, orderId, user, quantity, UUID.randomUUID().toString(), "h", Instant.now())))
			.isInstanceOf(ReserveOutcome.Reserved.class);
		assertThat(this.counters.confirm(sale, orderId)).contains(Reservation.State.CONFIRMED);
		return new OrderPlaced(orderId, sale, 1, user, quantity, quantity * 1_000L, Instant.now().plusSeconds(900),
				Instant.now());
	}

	private static OrderCancelled cancellation(OrderPlaced order) {
		return new OrderCancelled(order.orderId(), order.flashSaleId(), order.skuId(), order.userId(), order.quantity(),
				OrderCancelled.EXPIRED, Instant.now());
	}

	private ReserveOutcome reserve(long sale, String user, int quantity) {
		return this.counters.reserve(new ReserveCommand(sale, UUID.randomUUID().toString(), user, quantity,
				UUID.randomUUID().toString(), "h", Instant.now()));
	}

	private static ProducerRecordSpec record(String key, String value) {
		return new ProducerRecordSpec(key, value);
	}

	private void sendAll(List<ProducerRecordSpec> records) throws Exception {
		List<CompletableFuture<SendResult<String, String>>> sent = new ArrayList<>();
		for (ProducerRecordSpec record : records) {
			sent.add(this.kafka.send(Topics.ORDERS, record.key(), record.value()));
		}
		CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
	}

	private double returned(String store) {
		return this.meters.get("flashsale.inventory.stock.returned").tag("store", store).counter().count();
	}

	private double counter(String name) {
		return this.meters.get(name).counter().count();
	}

	private record ProducerRecordSpec(String key, String value) {
	}

}
