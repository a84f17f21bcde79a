package io.flashsale.order;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import io.flashsale.platform.degrade.Switch;
import java.util.Map;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import io.flashsale.order.orders.OrderIds;
import io.flashsale.stock.ReserveCommand;
import io.flashsale.stock.ReserveOutcome;
import io.flashsale.stock.StockKeys;
import io.flashsale.testsupport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The purchase path on real Redis, Kafka and MariaDB: the Lua reservation, the Kafka
 * hand-off, the batched order writer, the read API and the reaper.
 */
@IntegrationTest
class PurchaseIntegrationTests {

	private static final AtomicLong SALE_IDS = new AtomicLong(
			ThreadLocalRandom.current().nextLong(1_000, 1_000_000) * 1000);

	private final TestService service;

	@Autowired
	ConfigurableEnvironment environment;

	@Autowired
	StringRedisTemplate redis;

	PurchaseIntegrationTests(@Autowired ApplicationContext context) {
		this.service = new TestService(context);
	}

	/** 2,000 distinct buyers, 100 units, limit 1, 64 client threads. */
	@Test
	void sellsExactlyTheStockToConcurrentBuyersAndWritesEveryOrder() throws Exception {
		long sale = scheduleActiveSale(100, 1);
		List<Callable<Response>> buyers = new ArrayList<>();
		for (int i = 0; i < 2000; i++) {
			String user = "buyer-" + sale + "-" + i;
			buyers.add(() -> purchase(user, UUID.randomUUID().toString(), sale, 1));
		}
		List<Response> responses = runConcurrently(buyers, 64);
		assertThat(responses).filteredOn((r) -> r.status() == 202).hasSize(100);
		assertThat(responses).filteredOn((r) -> r.status() == 409 && r.body().contains("\"code\":\"sold-out\""))
			.hasSize(1900);
		awaitTrue(() -> ordersOf(sale) == 100, "100 orders written");
		assertThat(this.service.counters().remaining(sale)).isZero();
		assertThat(this.service.jdbc()
			.queryForObject(
					"SELECT COUNT(DISTINCT user_id) FROM orders WHERE flash_sale_id = ? AND status = 'PENDING_PAYMENT'",
					Long.class, sale))
			.isEqualTo(100);
		assertThat(this.service.jdbc()
			.queryForObject("SELECT SUM(quantity) FROM orders WHERE flash_sale_id = ?", Long.class, sale))
			.isEqualTo(100);
		assertThat(this.service.counters().snapshot(sale).held()).isEqualTo(100);
		String metrics = send(HttpRequest.newBuilder(this.service.uri("/actuator/prometheus"))
			.header("Authorization", "Bearer " + this.service.tokens().admin("ops"))
			.GET()
			.build()).body();
		assertThat(metrics).contains("flashsale_purchases_total{", "outcome=\"accepted\"",
				"flashsale_orders_written_total", "spring_kafka_listener_seconds_count{");
	}

	/** One buyer, 50 parallel requests with distinct keys, limit 3, 100 units. */
	@Test
	void holdsOneBuyerToTheLimitUnderParallelRequests() throws Exception {
		long sale = scheduleActiveSale(100, 3);
		List<Callable<Response>> attempts = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			attempts.add(() -> purchase("greedy-" + sale, UUID.randomUUID().toString(), sale, 1));
		}
		List<Response> responses = runConcurrently(attempts, 50);
		assertThat(responses).filteredOn((r) -> r.status() == 202).hasSize(3);
		assertThat(responses).filteredOn((r) -> r.body().contains("\"code\":\"limit-exceeded\"")).hasSize(47);
		awaitTrue(() -> ordersOf(sale) == 3, "3 orders written");
		assertThat(this.service.counters().remaining(sale)).isEqualTo(97);
	}

	/** 100 concurrent requests with one key: one order, 100 identical answers. */
	@Test
	void turnsConcurrentRetriesOfOneKeyIntoOneOrder() throws Exception {
		long sale = scheduleActiveSale(10, 2);
		String key = "retry-" + UUID.randomUUID();
		List<Callable<Response>> retries = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			retries.add(() -> purchase("retrier", key, sale, 2));
		}
		List<Response> responses = runConcurrently(retries, 100);
		assertThat(responses).extracting(Response::status).containsOnly(202);
		assertThat(responses).extracting(Response::body).containsOnly(responses.get(0).body());
		awaitTrue(() -> ordersOf(sale) == 1, "one order written");
		assertThat(this.service.counters().remaining(sale)).isEqualTo(8);
	}

	@Test
	void refusesAReusedKeyWithADifferentBodyAndChangesNothing() throws Exception {
		long sale = scheduleActiveSale(10, 3);
		assertThat(purchase("alice", "key-abcdefgh", sale, 1).status()).isEqualTo(202);
		Response reused = purchase("alice", "key-abcdefgh", sale, 2);
		assertThat(reused.status()).isEqualTo(422);
		assertThat(reused.body()).contains("\"code\":\"idempotency-key-reused\"")
			.contains("https://flashsale.dev/problems/idempotency-key-reused");
		assertThat(this.service.counters().remaining(sale)).isEqualTo(9);
	}

	@Test
	void rejectsInvalidPurchasesWith400AndReservesNothing() throws Exception {
		long sale = scheduleActiveSale(10, 2);
		String token = this.service.tokens().user("mallory");
		assertThat(send(post(token, null, "{\"flashSaleId\":" + sale + ",\"quantity\":1}")).body())
			.contains("\"code\":\"idempotency-key-missing\"");
		assertThat(send(post(token, null, "{\"flashSaleId\":" + sale + ",\"quantity\":1}")).status()).isEqualTo(400);
		assertThat(send(post(token, "short", "{\"flashSaleId\":" + sale + ",\"quantity\":1}")).status()).isEqualTo(400);
		assertThat(purchase("mallory", UUID.randomUUID().toString(), sale, 0).status()).isEqualTo(400);
		Response overLimit = purchase("mallory", UUID.randomUUID().toString(), sale, 3);
		assertThat(overLimit.status()).isEqualTo(400);
		assertThat(overLimit.body()).contains("\"code\":\"invalid-quantity\"");
		assertThat(send(post(token, UUID.randomUUID().toString(), "{\"flashSaleId\":-4,\"quantity\":1}")).status())
			.isEqualTo(400);
		assertThat(send(post(token, UUID.randomUUID().toString(), "{\"flashSaleId\":\"x\",\"quantity\":1}")).status())
			.isEqualTo(400);
		assertThat(send(post(token, UUID.randomUUID().toString(), "{\"quantity\":1}")).status()).isEqualTo(400);
		assertThat(send(post(token, UUID.randomUUID().toString(), "not json")).status()).isEqualTo(400);
		assertThat(send(post(token, UUID.randomUUID().toString(),
				"{\"flashSaleId\":" + sale + ",\"quantity\":1,\"priceCents\":1,\"userId\":\"alice\"}"))
			.status()).as("client-sent price and user are ignored, not trusted").isEqualTo(202);
		assertThat(this.service.counters().remaining(sale)).isEqualTo(9);
		assertThat(this.service.counters().snapshot(sale).reservations()).extracting((r) -> r.userId())
			.containsExactly("mallory");
	}

	@Test
	void answersSaleNotActiveOutsideTheWindowAndUnknownSalesWith404() throws Exception {
		long future = scheduleSale(5, 1, Instant.now().plusSeconds(3600), Instant.now().plusSeconds(7200));
		Response early = purchase("early-bird", UUID.randomUUID().toString(), future, 1);
		assertThat(early.status()).isEqualTo(409);
		assertThat(early.body()).contains("\"code\":\"sale-not-active\"");
		Response unknown = purchase("early-bird", UUID.randomUUID().toString(), 9_999_999_999L, 1);
		assertThat(unknown.status()).isEqualTo(404);
		Response info = send(get(this.service.tokens().user("early-bird"), "/api/orders/flash-sales/" + future));
		assertThat(info.status()).isEqualTo(200);
		assertThat(info.body()).contains("\"active\":false").contains("\"soldOut\":false");
		assertThat(send(get(this.service.tokens().user("early-bird"), "/api/orders/flash-sales/9999999999")).status())
			.isEqualTo(404);
	}

	@Test
	void answersSoldOutFromMemoryOnceTheStockIsGone() throws Exception {
		long sale = scheduleActiveSale(1, 1);
		assertThat(purchase("first", UUID.randomUUID().toString(), sale, 1).status()).isEqualTo(202);
		assertThat(purchase("second", UUID.randomUUID().toString(), sale, 1).body()).contains("sold-out");
		// With the counters gone, Redis would now answer "paused"; memory still says sold
		// out.
		this.service.counters().forget(sale);
		Response fromMemory = purchase("third", UUID.randomUUID().toString(), sale, 1);
		assertThat(fromMemory.status()).isEqualTo(409);
		assertThat(fromMemory.body()).contains("\"code\":\"sold-out\"");
		assertThat(send(get(this.service.tokens().user("third"), "/api/orders/flash-sales/" + sale)).body())
			.contains("\"soldOut\":true");
	}

	/**
	 * Another instance's announcement over Redis pub/sub, as this instance would send it.
	 */
	@Test
	void learnsSoldOutAndRestockFromOtherInstances() throws Exception {
		long sale = scheduleActiveSale(5, 1);
		String info = "/api/orders/flash-sales/" + sale;
		this.redis.convertAndSend(StockKeys.STOCK_CHANNEL, sale + ":0");
		awaitTrue(() -> bodyOf(get(this.service.tokens().user("watcher"), info)).contains("\"soldOut\":true"),
				"sold-out learned from another instance");
		Response fromMemory = purchase("hopeful", UUID.randomUUID().toString(), sale, 1);
		assertThat(fromMemory.body()).as("answered from memory, Redis still has 5").contains("\"code\":\"sold-out\"");
		assertThat(this.service.counters().remaining(sale)).isEqualTo(5);
		this.redis.convertAndSend(StockKeys.STOCK_CHANNEL, sale + ":5");
		awaitTrue(() -> bodyOf(get(this.service.tokens().user("watcher"), info)).contains("\"soldOut\":false"),
				"restock learned from another instance");
		assertThat(purchase("hopeful", UUID.randomUUID().toString(), sale, 1).status()).isEqualTo(202);
	}

	@Test
	void pausesASaleWhoseCountersAreMissing() throws Exception {
		long sale = scheduleActiveSale(3, 1);
		this.service.counters().forget(sale);
		Response paused = purchase("patient", UUID.randomUUID().toString(), sale, 1);
		assertThat(paused.status()).isEqualTo(503);
		assertThat(paused.body()).contains("\"code\":\"sale-paused\"");
	}

	@Test
	void showsAnOrderOnlyToItsOwner() throws Exception {
		long sale = scheduleActiveSale(5, 1);
		Response accepted = purchase("owner", UUID.randomUUID().toString(), sale, 1);
		String orderId = accepted.body().replaceAll(".*\"orderId\":\"([^\"]+)\".*", "$1");
		assertThat(accepted.location()).isEqualTo("/api/orders/" + orderId);
		awaitTrue(() -> ordersOf(sale) == 1, "order written");
		Response mine = send(get(this.service.tokens().user("owner"), "/api/orders/" + orderId));
		assertThat(mine.status()).isEqualTo(200);
		assertThat(mine.body()).contains("\"status\":\"PENDING_PAYMENT\"").contains("\"totalCents\":1999");
		Response theirs = send(get(this.service.tokens().user("someone-else"), "/api/orders/" + orderId));
		assertThat(theirs.status()).isEqualTo(404);
		assertThat(theirs.body()).contains("\"code\":\"order-not-found\"");
		assertThat(send(get(this.service.tokens().user("owner"), "/api/orders/" + OrderIds.next(sale))).status())
			.isEqualTo(404);
		assertThat(send(get(this.service.tokens().user("owner"), "/api/orders/not-an-id")).status()).isEqualTo(400);
		Response list = send(get(this.service.tokens().user("owner"), "/api/orders?page=0&size=10"));
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.body()).contains(orderId).contains("\"total\":1");
		assertThat(send(get(this.service.tokens().user("someone-else"), "/api/orders")).body()).doesNotContain(orderId);
		assertThat(send(get(this.service.tokens().user("owner"), "/api/orders?size=500")).status()).isEqualTo(400);
	}

	@Test
	void showsAReservedOrderAsProcessingBeforeItIsWritten() throws Exception {
		long sale = scheduleActiveSale(5, 1);
		String orderId = OrderIds.next(sale);
		// A reservation the writer has not seen: taken in Redis, never sent to Kafka.
		assertThat(this.service.counters()
			.reserve(new ReserveCommand(sale, orderId, "waiter", 1, "key-processing", "h", Instant.now())))
			.isInstanceOf(ReserveOutcome.Reserved.class);
		Response processing = send(get(this.service.tokens().user("waiter"), "/api/orders/" + orderId));
		assertThat(processing.status()).isEqualTo(202);
		assertThat(processing.body()).contains("\"status\":\"PROCESSING\"");
		assertThat(send(get(this.service.tokens().user("other"), "/api/orders/" + orderId)).status()).isEqualTo(404);
	}

	@Test
	void releasesAReservationThatNeverBecameAnOrder() throws Exception {
		long sale = scheduleActiveSale(5, 1);
		String orderId = OrderIds.next(sale);
		// The process "died" after the Lua call a minute ago, before its Kafka send.
		this.service.counters()
			.reserve(new ReserveCommand(sale, orderId, "ghost", 1, "key-ghost-1", "h", Instant.now().minusSeconds(60)));
		assertThat(this.service.counters().remaining(sale)).isEqualTo(4);
		awaitTrue(() -> this.service.counters().remaining(sale) == 5, "orphaned reservation released");
		assertThat(this.service.counters().reservation(sale, orderId)).get()
			.extracting((r) -> r.state().name())
			.isEqualTo("RELEASED");
		assertThat(ordersOf(sale)).isZero();
		assertThat(purchase("ghost", "key-ghost-1", sale, 1).status()).as("the limit and key were freed")
			.isEqualTo(202);
	}

	@Test
	void reportsTheSaleConsistentAfterTheOrdersDrain() throws Exception {
		long sale = scheduleActiveSale(20, 2);
		for (int i = 0; i < 7; i++) {
			purchase("rec-" + i, UUID.randomUUID().toString(), sale, 2);
		}
		awaitTrue(() -> ordersOf(sale) == 7, "7 orders written");
		Response report = send(get(this.service.tokens().admin("ops"), "/api/admin/reconciliation/" + sale));
		assertThat(report.status()).isEqualTo(200);
		assertThat(report.body()).contains("\"redisRemaining\":6")
			.contains("\"PENDING_PAYMENT\":14")
			.contains("\"reservationsWithoutOrder\":0")
			.contains("\"ordersWithoutReservation\":0");
		assertThat(send(get(this.service.tokens().user("shopper"), "/api/admin/reconciliation/" + sale)).status())
			.isEqualTo(403);
	}

	@Test
	void rebuildsLostCountersFromTheOrdersSoThePausedSaleResumes() throws Exception {
		// The admin path: the automatic rebuild would race the admin's call.
		this.environment.getPropertySources()
			.addFirst(new MapPropertySource("manual-rebuild", Map.of(Switch.COUNTER_AUTO_REBUILD.key(), "false")));
		try {
			rebuildLostCountersByHand();
		}
		finally {
			this.environment.getPropertySources().remove("manual-rebuild");
		}
	}

	private void rebuildLostCountersByHand() throws Exception {
		long sale = scheduleActiveSale(10, 1);
		for (int i = 0; i < 3; i++) {
			purchase("early-" + i, UUID.randomUUID().toString(), sale, 1);
		}
		awaitTrue(() -> ordersOf(sale) == 3, "3 orders written");
		this.service.counters().forget(sale);
		assertThat(purchase("during-outage", UUID.randomUUID().toString(), sale, 1).body()).contains("sale-paused");
		assertThat(send(postAs(this.service.tokens().user("shopper"), "/api/admin/reconciliation/" + sale + "/rebuild"))
			.status()).isEqualTo(403);

		Response rebuilt = send(
				postAs(this.service.tokens().admin("ops"), "/api/admin/reconciliation/" + sale + "/rebuild"));
		assertThat(rebuilt.status()).isEqualTo(200);
		assertThat(rebuilt.body()).contains("\"orders\":3", "\"remaining\":7");
		assertThat(send(postAs(this.service.tokens().admin("ops"), "/api/admin/reconciliation/" + sale + "/rebuild"))
			.body()).contains("\"code\":\"counters-live\"");
		assertThat(purchase("early-0", UUID.randomUUID().toString(), sale, 1).body()).as("limits came back too")
			.contains("limit-exceeded");
		assertThat(purchase("after-outage", UUID.randomUUID().toString(), sale, 1).status()).isEqualTo(202);
		awaitTrue(() -> ordersOf(sale) == 4, "4 orders written");
		assertThat(this.service.counters().remaining(sale)).isEqualTo(6);
		assertThat(send(get(this.service.tokens().admin("ops"), "/api/admin/reconciliation/" + sale)).body())
			.contains("\"redisRemaining\":6", "\"ordersWithoutReservation\":0", "\"reservationsWithoutOrder\":0");
	}

	@Test
	void repairsRedisStockDriftItCanProve() throws Exception {
		long sale = scheduleActiveSale(10, 1);
		purchase("drift-1", UUID.randomUUID().toString(), sale, 1);
		awaitTrue(() -> ordersOf(sale) == 1, "order written");
		this.redis.opsForValue().set(new StockKeys(sale).stock(), "42");
		awaitTrue(() -> this.service.counters().remaining(sale) == 9, "drift repaired by the scheduled reconciler");
	}

	private long scheduleActiveSale(int stock, int limit) throws Exception {
		return scheduleSale(stock, limit, Instant.now().minusSeconds(3600), Instant.now().plusSeconds(3600));
	}

	private long scheduleSale(int stock, int limit, Instant start, Instant end) throws Exception {
		long sale = SALE_IDS.incrementAndGet();
		this.service.testSales().schedule(sale, stock, limit, start, end);
		return sale;
	}

	private long ordersOf(long sale) {
		Long count = this.service.jdbc()
			.queryForObject("SELECT COUNT(*) FROM orders WHERE flash_sale_id = ?", Long.class, sale);
		return (count != null) ? count : 0;
	}

	private Response purchase(String user, String key, long sale, int quantity) throws Exception {
		return send(post(this.service.tokens().user(user), key,
				"{\"flashSaleId\":" + sale + ",\"quantity\":" + quantity + "}"));
	}

	private HttpRequest post(String token, String key, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.service.uri("/api/orders"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (key != null) {
			request.header("Idempotency-Key", key);
		}
		return request.build();
	}

	private HttpRequest postAs(String token, String path) {
		return this.service.post(token, path);
	}

	private HttpRequest get(String token, String path) {
		return this.service.get(token, path);
	}

	private String bodyOf(HttpRequest request) {
		try {
			return send(request).body();
		}
		catch (Exception ex) {
			return "";
		}
	}

	private Response send(HttpRequest request) throws Exception {
		HttpResponse<String> response = this.service.send(request);
		return new Response(response.statusCode(), response.body(),
				response.headers().firstValue("Location").orElse(null));
	}

	private static List<Response> runConcurrently(List<Callable<Response>> calls, int threads) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Callable<Response>> gated = calls.stream().<Callable<Response>>map((call) -> () -> {
				start.await();
				return call.call();
			}).toList();
			List<Future<Response>> futures = new ArrayList<>();
			for (Callable<Response> call : gated) {
				futures.add(pool.submit(call));
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

	private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
		TestSales.await(condition, what);
	}

	record Response(int status, String body, String location) {

	}

}
