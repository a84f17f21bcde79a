package io.flashsale.loadtest;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;

/**
 * Sets up a flash sale the way ops would, through the gateway with an admin token: a SKU
 * at inventory-service, the sale at marketing-service (which allocates its stock), the
 * Redis counters warmed, and order-service aware of it.
 */
public final class SaleSetup {

	private final Gateway gateway;

	private final String adminToken;

	private final String shopperToken;

	public SaleSetup(Gateway gateway, String adminToken, String shopperToken) {
		this.gateway = gateway;
		this.adminToken = adminToken;
		this.shopperToken = shopperToken;
	}

	/**
	 * Creates a sale that opens a few seconds from now and waits until it is open.
	 * @param units stock allocated to the sale
	 * @param limit units one shopper may hold
	 * @param priceCents the sale price
	 * @return the flash sale id
	 */
	public long openSale(String title, int units, int limit, long priceCents) {
		return openSale(title, units, limit, priceCents, 900);
	}

	/**
	 * Creates a sale whose unpaid orders are cancelled {@code payTimeoutSeconds} after
	 * their purchase, and waits until it is open.
	 * @return the flash sale id
	 */
	public long openSale(String title, int units, int limit, long priceCents, int payTimeoutSeconds) {
		long skuId = this.gateway
			.post("/api/admin/skus", this.adminToken, null,
					"{\"name\":\"%s item\",\"stock\":%d,\"listPriceMinor\":%d,\"currency\":\"CNY\"}".formatted(title,
							units, priceCents))
			.expect(201, "create SKU")
			.json()
			.get("id")
			.asLong();
		Instant startsAt = Instant.now().plusSeconds(4);
		Instant endsAt = startsAt.plus(Duration.ofMinutes(30));
		long saleId = this.gateway
			.post("/api/admin/flash-sales", this.adminToken, null,
					"""
							{"skuId":%d,"title":"%s","priceCents":%d,"stock":%d,"perUserLimit":%d,\
							"startsAt":"%s","endsAt":"%s","payTimeoutSeconds":%d}""".formatted(skuId, title, priceCents,
							units, limit, startsAt, endsAt, payTimeoutSeconds))
			.expect(201, "create flash sale")
			.json()
			.get("id")
			.asLong();
		// inventory-service learns the window from the sale's event, then warms on
		// request.
		await("Redis counters warmed",
				() -> this.gateway.post("/api/admin/flash-sale-stock/" + saleId + "/warm-up", this.adminToken, null, "")
					.status() == 200);
		await("order-service knows the sale",
				() -> this.gateway.get("/api/orders/flash-sales/" + saleId, this.shopperToken).status() == 200);
		sleepUntil(startsAt.plusMillis(50));
		return saleId;
	}

	/**
	 * Waits until a sale's orders have drained: no reservation in flight, at least
	 * {@code orders} orders written, and inventory's database stock caught up with Redis.
	 * @return the last reconciliation report, drained or not after 90 s
	 */
	public JsonNode awaitDrained(long saleId, long orders) {
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		JsonNode report = null;
		while (System.nanoTime() < deadline) {
			Gateway.Answer answer = this.gateway.get("/api/admin/reconciliation/" + saleId, this.adminToken);
			if (answer.status() == 200) {
				report = answer.json();
				if (isDrained(report, orders)) {
					return report;
				}
			}
			sleep(Duration.ofMillis(500));
		}
		if (report == null) {
			throw new IllegalStateException("No reconciliation report for flash sale " + saleId);
		}
		return report;
	}

	public static boolean isDrained(JsonNode report, long orders) {
		JsonNode database = report.get("databaseRemaining");
		return report.get("reservationsInFlight").asLong() == 0 && total(report.get("ordersByStatus")) >= orders
				&& database != null && !database.isNull() && database.asLong() == report.get("redisRemaining").asLong();
	}

	/** The sum of a report's counts, such as {@code ordersByStatus}. */
	public static long total(JsonNode counts) {
		long total = 0;
		for (JsonNode value : counts) {
			total += value.asLong();
		}
		return total;
	}

	public static void await(String what, Supplier<Boolean> condition) {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			if (condition.get()) {
				return;
			}
			sleep(Duration.ofMillis(250));
		}
		throw new IllegalStateException("Timed out waiting: " + what);
	}

	private static void sleepUntil(Instant instant) {
		Duration left = Duration.between(Instant.now(), instant);
		if (!left.isNegative()) {
			sleep(left);
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

}
