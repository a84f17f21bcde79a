package io.flashsale.loadtest.demo;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import tools.jackson.databind.JsonNode;

import io.flashsale.loadtest.CommandLines;
import io.flashsale.loadtest.Gateway;
import io.flashsale.loadtest.SaleSetup;
import io.flashsale.platform.security.LocalTokens;

/**
 * One flash sale on the local stack: create it, let a crowd of shoppers rush it through
 * the gateway, wait for the orders to drain; then some winners pay at a sandbox channel
 * (a few pay twice), the rest let their short pay deadline pass, and every invariant is
 * checked. Exits 1 if any fails, so it can gate a rehearsal; 2 for a wrong command line.
 *
 * <p>
 * Options ({@link DemoOptions}): {@code --units=100 --limit=1 --attempts=5000
 * --shoppers=2000 --concurrency=200 --seed=42 --pay-percent=60 --pay-timeout=60
 * --pay-twice=5 --gateway=http://127.0.0.1:18080}.
 *
 * <p>
 * The steps, in order: {@link #openSale}, {@link #rush}, {@link #collect}, then
 * {@link Outcome#print} and {@link Invariants#check}.
 */
public final class SaleDemo {

	private final DemoOptions options;

	private final Gateway gateway;

	private final LocalTokens tokens;

	private final String admin;

	private final SaleSetup setup;

	/** Tells this run's shoppers and sale from earlier runs'. */
	private final String run = Long.toString(System.currentTimeMillis(), 36);

	private final String[] shopperTokens;

	private SaleDemo(DemoOptions options) {
		this.options = options;
		this.gateway = new Gateway(options.gateway.url());
		this.tokens = LocalTokens.forLocalStack(Duration.ofHours(1));
		this.admin = this.tokens.admin("demo-ops");
		this.setup = new SaleSetup(this.gateway, this.admin, this.tokens.user("demo-" + this.run + "-0"));
		this.shopperTokens = new String[options.shoppers];
	}

	public static void main(String[] args) {
		DemoOptions options = new DemoOptions();
		CommandLines.parse(options, args, DemoOptions::check, System.out, System.err).ifPresent(System::exit);
		SaleDemo demo = new SaleDemo(options);
		long saleId = demo.openSale();
		Rush.Result rush = demo.rush(saleId);
		Outcome outcome = demo.collect(saleId, rush);
		outcome.print(System.out);
		System.exit(Invariants.check(outcome, System.out) ? 0 : 1);
	}

	/** Sets up the sale and mints a token per shopper. */
	long openSale() {
		System.out.printf("setting up: %d units, limit %d ...%n", this.options.units, this.options.limit);
		long saleId = this.setup.openSale("Demo " + this.run, this.options.units, this.options.limit, 1999,
				this.options.payTimeout);
		for (int i = 0; i < this.shopperTokens.length; i++) {
			this.shopperTokens[i] = this.tokens.user("demo-" + this.run + "-" + i);
		}
		return saleId;
	}

	/** The shoppers rush the sale. */
	Rush.Result rush(long saleId) {
		List<Integer> plan = Rush.plan(this.options.attempts, this.options.shoppers, new Random(this.options.seed));
		System.out.printf("flash sale %d open: %d attempts from %d shoppers, %d at once%n", saleId,
				this.options.attempts, this.options.shoppers, this.options.concurrency);
		return Rush.run(this.gateway, saleId, this.shopperTokens, plan, this.options.concurrency);
	}

	/**
	 * Waits for the orders to drain, lets the winners pay or not, and waits for the
	 * unpaid orders' stock to come back.
	 */
	Outcome collect(long saleId, Rush.Result rush) {
		long accepted = rush.count("accepted");
		System.out.println("waiting for the orders to drain ...");
		JsonNode report = this.setup.awaitDrained(saleId, accepted);
		if (!SaleSetup.isDrained(report, accepted)) {
			System.out.println("  (not drained after 90 s; reporting the last state)");
		}
		long persisted = SaleSetup.total(report.get("ordersByStatus"));
		PaymentRound.Payments payments = new PaymentRound(this.gateway, this.shopperTokens).payAndExpire(rush.won(),
				this.options.payPercent, this.options.payTwice, this.options.payTimeout, this.options.seed);
		if (!rush.won().isEmpty()) {
			report = awaitStockBack(saleId, this.options.units - payments.paid);
		}
		return new Outcome(saleId, this.options, rush, persisted, payments, report);
	}

	private JsonNode awaitStockBack(long saleId, long expectedRemaining) {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		JsonNode report = null;
		while (System.nanoTime() < deadline) {
			Gateway.Answer answer = this.gateway.get("/api/admin/reconciliation/" + saleId, this.admin);
			if (answer.status() == 200) {
				report = answer.json();
				JsonNode database = report.get("databaseRemaining");
				if (report.get("redisRemaining").asLong() == expectedRemaining && database != null
						&& database.asLong() == expectedRemaining) {
					return report;
				}
			}
			pause();
		}
		return report;
	}

	static String classify(Gateway.Answer answer) {
		return switch (answer.status()) {
			case 202 -> "accepted";
			case 409 -> switch (answer.code()) {
				case "sold-out" -> "sold-out";
				case "limit-exceeded" -> "limit-exceeded";
				default -> "errors";
			};
			case 429 -> "rate-limited";
			// Deliberate and safe: the hand-off to Kafka timed out and the unit went
			// back.
			case 503 -> answer.code().equals("order-not-accepted") ? "not-accepted" : "errors";
			default -> "errors";
		};
	}

	static void pause() {
		try {
			Thread.sleep(250);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
