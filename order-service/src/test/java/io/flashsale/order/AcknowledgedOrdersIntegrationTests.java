package io.flashsale.order;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.flashsale.order.orders.OrderIds;
import io.flashsale.platform.degrade.Switch;
import io.flashsale.stock.Reservation;
import io.flashsale.stock.ReserveCommand;
import io.flashsale.stock.ReserveOutcome;
import io.flashsale.stock.StockKeys;
import io.flashsale.testsupport.IntegrationTest;
import io.flashsale.testsupport.Outages;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shopper who got 202 has an order, whatever fails afterwards: the order writer stopped
 * for longer than the reaper's grace period, Redis losing a sale's counters while records
 * are in flight, Redis unreachable, and replays after the sale sold out or ended. Real
 * Redis, Kafka and MariaDB; the writer is the real listener container, stopped and
 * started. A quick reaper (grace 2 s, every 300 ms) so that the old behaviour (release by
 * age) would show within the test.
 */
@IntegrationTest
@TestPropertySource(properties = { "flashsale.order.reaper-grace=2s", "flashsale.order.reaper-interval=300ms",
		"flashsale.order.send-timeout=5s", "flashsale.order.hand-off-margin=1s",
		"flashsale.order.recovery-interval=300ms", "flashsale.order.counter-recovery=20s" })
class AcknowledgedOrdersIntegrationTests {

	private static final String SWITCHES = "test-switches";

	private static final AtomicLong SALE_IDS = new AtomicLong(
			ThreadLocalRandom.current().nextLong(1_000, 1_000_000) * 1000 + 500);

	private final TestService service;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@Autowired
	Outages outages;

	@Autowired
	MeterRegistry meters;

	@Autowired
	StringRedisTemplate redisTemplate;

	@Autowired
	ConfigurableEnvironment environment;

	AcknowledgedOrdersIntegrationTests(@Autowired ApplicationContext context) {
		this.service = new TestService(context);
	}

	@AfterEach
	void restore() {
		this.outages.start(Outages.Server.REDIS);
		writer(true);
		this.environment.getPropertySources().remove(SWITCHES);
	}

	/**
	 * 60 buyers, 40 units, limit 1, while the writer is stopped for 6 s (three grace
	 * periods, some twenty reaper runs). Before the fix the reaper released all 40
	 * acknowledged reservations and the writer then skipped them: 0 orders.
	 */
	@Test
	void keepsEveryAcknowledgedReservationWhileTheWriterIsStoppedLongerThanTheGracePeriod() throws Exception {
		long sale = scheduleActiveSale(40, 1);
		writer(false);
		List<Response> answers = buyConcurrently(sale, "held", 60);
		assertThat(answers).filteredOn((a) -> a.status() == 202).hasSize(40);
		assertThat(answers).filteredOn((a) -> a.status() == 409 && a.body().contains("\"code\":\"sold-out\""))
			.hasSize(20);

		Thread.sleep(6_000);
		assertThat(this.service.counters().snapshot(sale).reservations()).hasSize(40)
			.extracting(Reservation::state)
			.containsOnly(Reservation.State.RESERVED);
		assertThat(this.service.counters().remaining(sale)).isZero();
		assertThat(ordersOf(sale)).isZero();

		writer(true);
		TestSales.await(() -> ordersOf(sale) == 40, "every 202 written once the writer is back");
		assertThat(this.service.counters().remaining(sale)).isZero();
		assertThat(this.service.counters().snapshot(sale).reservations()).extracting(Reservation::state)
			.containsOnly(Reservation.State.CONFIRMED);
		assertThat(acceptedIds(answers)).containsExactlyInAnyOrderElementsOf(orderIdsOf(sale));
		assertConsistent(sale, 40);
	}

	/** A reservation whose record never reached Kafka is still given back. */
	@Test
	void releasesAReservationWhoseSendNeverSucceededOnceTheWriterHasDrainedPastIt() throws Exception {
		long sale = scheduleActiveSale(5, 1);
		String orderId = OrderIds.next(sale);
		this.service.counters()
			.reserve(new ReserveCommand(sale, orderId, "ghost", 1, "key-ghost-2", "h", Instant.now()));
		assertThat(this.service.counters().remaining(sale)).isEqualTo(4);
		TestSales.await(() -> this.service.counters().remaining(sale) == 5,
				"the orphan released after its hand-off deadline");
		assertThat(this.service.counters().reservation(sale, orderId)).get()
			.extracting(Reservation::state)
			.isEqualTo(Reservation.State.RELEASED);
		assertThat(ordersOf(sale)).isZero();
	}

	/**
	 * Redis lost the writer's claim but kept the reservation (the last second of its
	 * append-only file, or a failover): the order is written, its reservation RESERVED
	 * and pending again. The reaper must claim it again, never release it from under its
	 * order and sell the unit twice.
	 */
	@Test
	void claimsAgainAReservationWhoseOrderIsWrittenWhenRedisLostTheClaim() throws Exception {
		long sale = scheduleActiveSale(3, 1);
		Response bought = purchase("claim-lost", UUID.randomUUID().toString(), sale);
		assertThat(bought.status()).isEqualTo(202);
		TestSales.await(() -> ordersOf(sale) == 1, "the order written");
		String orderId = bought.orderId();
		StockKeys keys = new StockKeys(sale);
		String claimed = (String) this.redisTemplate.opsForHash().get(keys.reservations(), orderId);
		// As a restore from before the claim leaves it: RESERVED, pending since the
		// purchase.
		this.redisTemplate.opsForHash()
			.put(keys.reservations(), orderId, claimed.replace("\"s\":\"CONFIRMED\"", "\"s\":\"RESERVED\""));
		this.redisTemplate.opsForZSet().add(keys.pending(), orderId, Instant.now().minusSeconds(60).toEpochMilli());
		assertThat(this.service.counters().reservation(sale, orderId)).get()
			.extracting(Reservation::state)
			.isEqualTo(Reservation.State.RESERVED);

		TestSales.await(() -> this.service.counters()
			.reservation(sale, orderId)
			.map((r) -> r.state() == Reservation.State.CONFIRMED)
			.orElse(false), "the reaper claims it again");
		assertThat(this.service.counters().remaining(sale)).isEqualTo(2);
		assertThat(this.service.counters().unclaimedBefore(sale, Instant.now(), 10)).isEmpty();
	}

	/**
	 * 10 purchases accepted while the writer is stopped, then the sale's counters are
	 * lost (its keys deleted from the real Redis, as a restart without data leaves them).
	 * Before the fix the writer skipped the 10 records (no reservation) and the rebuild
	 * sold their units again: 40 acknowledged for 30 units.
	 */
	@Test
	void writesOrdersWhoseReservationsRedisLostAndRebuildsTheSaleOnceTheWriterDrained() throws Exception {
		long sale = scheduleActiveSale(30, 1);
		writer(false);
		List<Response> first = buyConcurrently(sale, "early", 10);
		assertThat(first).extracting(Response::status).containsOnly(202);
		double adoptedBefore = adopted("counters-lost");

		this.service.counters().forget(sale);
		Response paused = purchase("while-lost", UUID.randomUUID().toString(), sale);
		assertThat(paused.status()).isEqualTo(503);
		assertThat(paused.body()).contains("\"code\":\"sale-paused\"");
		assertThat(paused.retryAfter()).isNotNull();

		writer(true);
		TestSales.await(() -> ordersOf(sale) == 10, "the 10 acknowledged orders written without their reservations");
		assertThat(adopted("counters-lost") - adoptedBefore).isEqualTo(10);
		TestSales.await(() -> this.service.counters().remaining(sale) == 20,
				"counters rebuilt from the 10 orders of record");

		List<Response> second = buyConcurrently(sale, "late", 30);
		assertThat(second).filteredOn((a) -> a.status() == 202).hasSize(20);
		assertThat(second).filteredOn((a) -> a.status() == 409).hasSize(10);
		TestSales.await(() -> ordersOf(sale) == 30, "30 orders for 30 units");
		assertThat(this.service.counters().remaining(sale)).isZero();
		assertThat(acceptedIds(first)).isSubsetOf(orderIdsOf(sale));
		assertConsistent(sale, 30);
	}

	/** With the switch off the sale stays paused until an admin rebuilds it. */
	@Test
	void keepsALostSalePausedUntilAnAdminRebuildsItWhenAutomaticRebuildIsOff() throws Exception {
		this.environment.getPropertySources()
			.addFirst(new MapPropertySource(SWITCHES, Map.of(Switch.COUNTER_AUTO_REBUILD.key(), "false")));
		long sale = scheduleActiveSale(8, 1);
		assertThat(purchase("before", UUID.randomUUID().toString(), sale).status()).isEqualTo(202);
		TestSales.await(() -> ordersOf(sale) == 1, "1 order");
		this.service.counters().forget(sale);
		Thread.sleep(2_000);
		assertThat(this.service.counters().hasCounters(sale)).as("not rebuilt automatically").isFalse();
		assertThat(purchase("paused", UUID.randomUUID().toString(), sale).status()).isEqualTo(503);

		Response rebuilt = send(
				post(this.service.tokens().admin("ops"), null, "/api/admin/reconciliation/" + sale + "/rebuild", ""));
		assertThat(rebuilt.status()).isEqualTo(200);
		assertThat(rebuilt.body()).contains("\"orders\":1", "\"remaining\":7", "\"writerDrained\":true");
		assertThat(purchase("after", UUID.randomUUID().toString(), sale).status()).isEqualTo(202);
	}

	/**
	 * Redis killed (SIGKILL): a retryable 503 with Retry-After, never a 500; once it is
	 * back, the retry with the same key buys once.
	 */
	@Test
	void answersAKilledRedisWith503AndRetryAfterAndBuysOnceOnTheRetry() throws Exception {
		long sale = scheduleActiveSale(5, 1);
		String key = UUID.randomUUID().toString();
		this.outages.kill(Outages.Server.REDIS);
		Response refused = purchase("outage", key, sale);
		assertThat(refused.status()).isEqualTo(503);
		assertThat(refused.body()).contains("\"code\":\"stock-unavailable\"");
		assertThat(refused.retryAfter()).isEqualTo("1");
		this.outages.start(Outages.Server.REDIS);
		// Back with its data (append-only file), or without it: then the sale is paused
		// until its counters are rebuilt, and the retry waits for that.
		Response retried = purchase("outage", key, sale);
		for (int i = 0; i < 100 && retried.status() == 503; i++) {
			Thread.sleep(300);
			retried = purchase("outage", key, sale);
		}
		assertThat(retried.status()).isEqualTo(202);
		TestSales.await(() -> ordersOf(sale) == 1, "one order");
		assertThat(this.service.counters().remaining(sale)).isEqualTo(4);
	}

	/**
	 * 5 winners of 5 units, then the sale is sold out in memory: each winner's retry
	 * still gets its 202 and order id; a reused key with another body gets 422; a new
	 * shopper gets sold-out. After the window ends the replay still answers.
	 */
	@Test
	void replaysAWinnersPurchaseAfterTheSaleSoldOutAndAfterItEnded() throws Exception {
		Instant end = Instant.now().plusSeconds(8);
		long sale = SALE_IDS.incrementAndGet();
		this.service.testSales().schedule(sale, 5, 2, Instant.now().minusSeconds(60), end);
		List<String> keys = new ArrayList<>();
		List<String> orderIds = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			String key = "winner-key-" + i + "-" + sale;
			Response won = purchase("winner-" + i, key, sale);
			assertThat(won.status()).isEqualTo(202);
			keys.add(key);
			orderIds.add(won.orderId());
		}
		assertThat(purchase("loser", UUID.randomUUID().toString(), sale).body()).contains("\"code\":\"sold-out\"");
		for (int i = 0; i < 5; i++) {
			Response replay = purchase("winner-" + i, keys.get(i), sale);
			assertThat(replay.status()).as("replay of winner " + i).isEqualTo(202);
			assertThat(replay.orderId()).isEqualTo(orderIds.get(i));
		}
		Response otherBody = send(post(this.service.tokens().user("winner-0"), keys.get(0), "/api/orders",
				"{\"flashSaleId\":" + sale + ",\"quantity\":2}"));
		assertThat(otherBody.status()).isEqualTo(422);
		assertThat(purchase("winner-1", "fresh-key-" + sale, sale).body()).contains("\"code\":\"sold-out\"");

		TestSales.await(() -> Instant.now().isAfter(end.plusMillis(200)), "the sale ended");
		Response late = purchase("winner-2", keys.get(2), sale);
		assertThat(late.status()).isEqualTo(202);
		assertThat(late.orderId()).isEqualTo(orderIds.get(2));
		assertThat(purchase("latecomer", UUID.randomUUID().toString(), sale).body())
			.contains("\"code\":\"sale-not-active\"");
		TestSales.await(() -> ordersOf(sale) == 5, "5 orders, none twice");
	}

	/**
	 * A purchase whose process died between the script and the send: its reservation is
	 * RESERVED, its key recorded, no record in Kafka. The shopper's retry must not answer
	 * 202 on a reservation the reaper will release: it sends the record again, and the
	 * order is written.
	 */
	@Test
	void sendsAnUnclaimedReservationAgainWhenItsPurchaseIsReplayed() throws Exception {
		long sale = scheduleActiveSale(3, 1);
		String orderId = OrderIds.next(sale);
		String key = "died-" + sale;
		assertThat(this.service.counters()
			.reserve(new ReserveCommand(sale, orderId, "survivor", 1, key, sale + ":1", Instant.now().minusSeconds(1))))
			.isInstanceOf(ReserveOutcome.Reserved.class);
		Response replay = purchase("survivor", key, sale);
		assertThat(replay.status()).isEqualTo(202);
		assertThat(replay.orderId()).isEqualTo(orderId);
		TestSales.await(() -> ordersOf(sale) == 1, "the replayed order written");
		Thread.sleep(3_000);
		assertThat(this.service.counters().reservation(sale, orderId)).get()
			.extracting(Reservation::state)
			.isEqualTo(Reservation.State.CONFIRMED);
		assertThat(this.service.counters().remaining(sale)).isEqualTo(2);
	}

	private void writer(boolean running) {
		var container = this.listeners.getListenerContainer("order-writer");
		if (running && !container.isRunning()) {
			container.start();
		}
		else if (!running && container.isRunning()) {
			container.stop();
		}
	}

	private double adopted(String reason) {
		var counter = this.meters.find("flashsale.orders.adopted").tag("reason", reason).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private void assertConsistent(long sale, int units) throws Exception {
		Response report = send(
				this.service.get(this.service.tokens().admin("ops"), "/api/admin/reconciliation/" + sale));
		assertThat(report.status()).isEqualTo(200);
		assertThat(report.body()).contains("\"redisRemaining\":0", "\"PENDING_PAYMENT\":" + units,
				"\"reservationsWithoutOrder\":0", "\"ordersWithoutReservation\":0");
		assertThat(this.service.counters().snapshot(sale).held()).isEqualTo(units);
	}

	private List<String> acceptedIds(List<Response> answers) {
		return answers.stream().filter((a) -> a.status() == 202).map(Response::orderId).toList();
	}

	private List<String> orderIdsOf(long sale) {
		return this.service.jdbc().queryForList("SELECT id FROM orders WHERE flash_sale_id = ?", String.class, sale);
	}

	private long scheduleActiveSale(int stock, int limit) throws Exception {
		long sale = SALE_IDS.incrementAndGet();
		this.service.testSales()
			.schedule(sale, stock, limit, Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
		return sale;
	}

	private long ordersOf(long sale) {
		Long count = this.service.jdbc()
			.queryForObject("SELECT COUNT(*) FROM orders WHERE flash_sale_id = ?", Long.class, sale);
		return (count != null) ? count : 0;
	}

	private List<Response> buyConcurrently(long sale, String prefix, int buyers) throws Exception {
		List<Callable<Response>> calls = new ArrayList<>();
		for (int i = 0; i < buyers; i++) {
			String user = prefix + "-" + sale + "-" + i;
			calls.add(() -> purchase(user, UUID.randomUUID().toString(), sale));
		}
		ExecutorService pool = Executors.newFixedThreadPool(16);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<Response>> futures = new ArrayList<>();
			for (Callable<Response> call : calls) {
				futures.add(pool.submit(() -> {
					start.await();
					return call.call();
				}));
			}
			start.countDown();
			List<Response> responses = new ArrayList<>();
			for (Future<Response> future : futures) {
				responses.add(future.get());
			}
			return responses;
		}
		finally {
			pool.shutdownNow();
		}
	}

	private Response purchase(String user, String key, long sale) throws Exception {
		return send(post(this.service.tokens().user(user), key, "/api/orders",
				"{\"flashSaleId\":" + sale + ",\"quantity\":1}"));
	}

	private HttpRequest post(String token, String key, String path, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.service.uri(path))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(60))
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (key != null) {
			request.header("Idempotency-Key", key);
		}
		return request.build();
	}

	private Response send(HttpRequest request) throws Exception {
		HttpResponse<String> response = this.service.send(request);
		return new Response(response.statusCode(), response.body(),
				response.headers().firstValue("Retry-After").orElse(null));
	}

	record Response(int status, String body, String retryAfter) {

		String orderId() {
			int at = this.body.indexOf("\"orderId\":\"");
			return (at < 0) ? null : this.body.substring(at + 11, this.body.indexOf('"', at + 11));
		}

	}

}
