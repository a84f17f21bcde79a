package io.flashsale.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import io.flashsale.loadtest.Gateway;
import io.flashsale.loadtest.SaleSetup;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A flash sale across every service, through the gateway: inventory allocates and warms,
 * marketing schedules, order-service sells and writes, inventory takes the database
 * stock; then the invariants of shared/DESIGN.md hold exactly.
 */
class PurchaseEndToEndTests {

	private final Gateway gateway = new Gateway("http://127.0.0.1:" + Stack.APPS.get("gateway"));

	private final String admin = Stack.TOKENS.admin("e2e-ops");

	private final String run = Long.toString(System.nanoTime(), 36);

	/**
	 * 2,000 distinct buyers at once (200 in flight) for 100 units, limit 1. Every answer
	 * is deliberate: 202, 409 sold-out, or 503 order-not-accepted when the broker stalls
	 * past the send timeout (the unit then goes back). Units given back are bought by a
	 * second wave, so the sale ends sold out either way and the counts below are exact.
	 */
	@Test
	void sellsExactlyTheStockAndKeepsRedisAndTheDatabaseEqual() throws Exception {
		SaleSetup setup = new SaleSetup(this.gateway, this.admin, Stack.TOKENS.user("e2e-" + this.run));
		long sale = setup.openSale("E2E " + this.run, 100, 1, 2500);
		List<Gateway.Answer> answers = buyConcurrently(sale, 2000, 200);
		long accepted = answers.stream().filter((a) -> a.status() == 202).count();
		assertThat(answers).allSatisfy(
				(a) -> assertThat(a.status() + " " + a.code()).isIn("202 ", "409 sold-out", "503 order-not-accepted"));
		assertThat(accepted).isLessThanOrEqualTo(100);
		long notAccepted = answers.stream().filter((a) -> a.status() == 503).count();
		assertThat(accepted + notAccepted).as("every unit was taken once, kept or given back")
			.isGreaterThanOrEqualTo(100);
		for (int i = 0; accepted < 100 && i < 1000; i++) {
			Gateway.Answer late = this.gateway.post("/api/orders", Stack.TOKENS.user("e2e-late-" + this.run + "-" + i),
					UUID.randomUUID().toString(), "{\"flashSaleId\":" + sale + ",\"quantity\":1}");
			if (late.status() == 202) {
				accepted++;
			}
		}
		assertThat(accepted).isEqualTo(100);

		JsonNode report = setup.awaitDrained(sale, 100);
		assertThat(report.get("redisRemaining").asLong()).isZero();
		assertThat(report.get("databaseRemaining").asLong()).isZero();
		assertThat(report.get("ordersByStatus").get("PENDING_PAYMENT").asLong()).isEqualTo(100);
		assertThat(report.get("quantityByStatus").get("PENDING_PAYMENT").asLong()).isEqualTo(100);
		assertThat(report.get("reservationsWithoutOrder").asLong()).isZero();
		assertThat(report.get("ordersWithoutReservation").asLong()).isZero();
		assertThat(report.get("consistent").asBoolean()).as(report.toString()).isTrue();
	}

	@Test
	void limitsOneShopperThroughTheGatewayWith429() {
		long sale = new SaleSetup(this.gateway, this.admin, Stack.TOKENS.user("e2e-" + this.run))
			.openSale("E2E limit " + this.run, 1000, 100, 100);
		String token = Stack.TOKENS.user("e2e-eager-" + this.run);
		int limited = 0;
		Gateway.Answer rejection = null;
		for (int i = 0; i < 40; i++) {
			Gateway.Answer answer = this.gateway.post("/api/orders", token, UUID.randomUUID().toString(),
					"{\"flashSaleId\":" + sale + ",\"quantity\":1}");
			if (answer.status() == 429) {
				limited++;
				rejection = answer;
			}
		}
		assertThat(limited).as("40 back-to-back purchases by one shopper").isPositive();
		assertThat(rejection.code()).isIn("rate-limited", "blacklisted");
	}

	private List<Gateway.Answer> buyConcurrently(long sale, int buyers, int inFlight) throws Exception {
		String body = "{\"flashSaleId\":" + sale + ",\"quantity\":1}";
		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < buyers; i++) {
			tokens.add(Stack.TOKENS.user("e2e-buyer-" + this.run + "-" + i));
		}
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(inFlight);
		try {
			List<Future<Gateway.Answer>> futures = new ArrayList<>();
			for (String token : tokens) {
				futures.add(pool.submit(() -> {
					start.await();
					return this.gateway.post("/api/orders", token, UUID.randomUUID().toString(), body);
				}));
			}
			start.countDown();
			List<Gateway.Answer> answers = new ArrayList<>();
			for (Future<Gateway.Answer> future : futures) {
				answers.add(future.get());
			}
			return answers;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
