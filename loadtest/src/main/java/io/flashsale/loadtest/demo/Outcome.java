package io.flashsale.loadtest.demo;

import java.io.PrintStream;

import tools.jackson.databind.JsonNode;

import io.flashsale.loadtest.demo.PaymentRound.Payments;

/**
 * Everything the demo learnt about one sale: the rush, the orders persisted, the
 * payments, and order-service's last reconciliation report.
 *
 * @param saleId the flash sale
 * @param options the demo's options
 * @param rush the shoppers' answers
 * @param persisted the orders persisted
 * @param payments the winners' payments
 * @param report order-service's reconciliation report, last read
 */
record Outcome(long saleId, DemoOptions options, Rush.Result rush, long persisted, Payments payments, JsonNode report) {

	long accepted() {
		return this.rush.count("accepted");
	}

	long redisRemaining() {
		return this.report.get("redisRemaining").asLong();
	}

	/** The database's remaining stock, or {@code null} when the report has none. */
	Long databaseRemaining() {
		JsonNode database = this.report.get("databaseRemaining");
		return (database == null || database.isNull()) ? null : database.asLong();
	}

	/** Units held by orders pending payment or paid. */
	long ordered() {
		return this.report.get("quantityByStatus").get("PENDING_PAYMENT").asLong()
				+ this.report.get("quantityByStatus").get("PAID").asLong();
	}

	long ordersPendingPayment() {
		return this.report.get("ordersByStatus").get("PENDING_PAYMENT").asLong();
	}

	boolean consistent() {
		return this.report.get("consistent").asBoolean();
	}

	/**
	 * The table ops read: answers, orders, payments, latencies, stock, reconciliation.
	 */
	void print(PrintStream out) {
		double seconds = this.rush.seconds();
		out.println();
		out.printf("flash sale %d: %d units, limit %d, %d attempts from %d shoppers in %.1f s (%.0f/s)%n", this.saleId,
				this.options.units, this.options.limit, this.options.attempts, this.options.shoppers, seconds,
				this.options.attempts / seconds);
		row(out, "accepted", accepted());
		row(out, "sold-out", this.rush.count("sold-out"));
		row(out, "limit-exceeded", this.rush.count("limit-exceeded"));
		row(out, "rate-limited", this.rush.count("rate-limited"));
		row(out, "not accepted (503)", this.rush.count("not-accepted"));
		row(out, "errors", this.rush.count("errors"));
		row(out, "orders persisted", this.persisted);
		row(out, "paid", this.payments.paid);
		row(out, "cancelled (expired)", this.payments.cancelled);
		row(out, "refunded", this.payments.refunded);
		row(out, "stock returned", redisRemaining() - (this.options.units - accepted()));
		out.printf("  %-18s %8.1f ms%n", "latency p50", this.rush.latencies().percentileMillis(50));
		out.printf("  %-18s %8.1f ms%n", "latency p99", this.rush.latencies().percentileMillis(99));
		row(out, "redis remaining", redisRemaining());
		out.printf("  %-18s %8s%n", "database remaining", (databaseRemaining() != null) ? databaseRemaining() : "?");
		out.printf("  %-18s %8s%n", "reconciliation", consistent() ? "CONSISTENT" : "VIOLATED");
		this.report.get("violations").forEach((violation) -> out.println("    - " + violation.asString()));
		this.rush.errorSamples()
			.forEach((kind, sample) -> out.println("    error " + kind + ": " + abbreviate(sample)));
	}

	private static void row(PrintStream out, String label, long value) {
		out.printf("  %-18s %8d%n", label, value);
	}

	private static String abbreviate(String text) {
		return (text == null || text.length() <= 160) ? text : text.substring(0, 160) + "...";
	}

}
