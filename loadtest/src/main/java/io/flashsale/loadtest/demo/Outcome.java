package io.flashsale.loadtest.demo;

import java.io.PrintStream;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;

import io.flashsale.loadtest.OpenModel;
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
	 * The table ops read: the rush (rate, answers, latency from intended send, the
	 * generator's cost), orders, payments, stock, reconciliation.
	 */
	void print(PrintStream out) {
		OpenModel.Step step = this.rush.step();
		out.println();
		out.printf("flash sale %d: %d units, limit %d; %d attempts from %d shoppers offered at %d/s%n", this.saleId,
				this.options.units, this.options.limit, this.options.attempts, this.options.shoppers,
				this.options.rate);
		row(out, "sent", step.sent());
		out.printf("  %-20s %10.1f /s  deliberate answers, over %.1f s%n", "achieved", step.achieved(), step.seconds());
		row(out, "accepted (202)", accepted());
		row(out, "sold-out (409)", this.rush.count("sold-out"));
		row(out, "limit-exceeded (409)", this.rush.count("limit-exceeded"));
		row(out, "rate-limited (429)", this.rush.count("rate-limited"));
		row(out, "not accepted (503)", this.rush.count("not-accepted"));
		row(out, "errors", this.rush.count("errors"));
		out.printf("  %-20s %10.1f ms  from each attempt's intended send%n", "latency p50", step.p50());
		out.printf("  %-20s %10.1f ms%n", "latency p99", step.p99());
		out.printf("  %-20s %10.1f ms%n", "latency p99.9", step.p999());
		out.printf("  %-20s %10.1f ms%n", "latency max", step.max());
		out.printf("  %-20s %10.1f us  per attempt (%.0f %% of a core)%n", "generator CPU", step.cpuMicrosPerRequest(),
				100 * step.cores());
		row(out, "orders persisted", this.persisted);
		row(out, "paid", this.payments.paid);
		row(out, "cancelled (expired)", this.payments.cancelled);
		row(out, "refunded", this.payments.refunded);
		row(out, "stock returned", redisRemaining() - (this.options.units - accepted()));
		row(out, "redis remaining", redisRemaining());
		out.printf("  %-20s %10s%n", "database remaining", (databaseRemaining() != null) ? databaseRemaining() : "?");
		out.printf("  %-20s %10s%n", "reconciliation", consistent() ? "CONSISTENT" : "VIOLATED");
		out.println("  answers: " + answers(step));
		this.report.get("violations").forEach((violation) -> out.println("    - " + violation.asString()));
		this.rush.errorSamples()
			.forEach((kind, sample) -> out.println("    error " + kind + ": " + abbreviate(sample)));
	}

	/**
	 * The answers by status and problem code, most first:
	 * {@code 409 sold-out 99,900, ...}.
	 */
	static String answers(OpenModel.Step step) {
		return step.answers()
			.entrySet()
			.stream()
			.sorted(Map.Entry.<OpenModel.Outcome, Long>comparingByValue().reversed())
			.map((answer) -> answer.getKey() + " " + answer.getValue())
			.collect(Collectors.joining(", "));
	}

	private static void row(PrintStream out, String label, long value) {
		out.printf("  %-20s %10d%n", label, value);
	}

	private static String abbreviate(String text) {
		return (text == null || text.length() <= 160) ? text : text.substring(0, 160) + "...";
	}

}
