package io.flashsale.loadtest.demo;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import tools.jackson.databind.JsonNode;

import io.flashsale.loadtest.CommandLines;
import io.flashsale.loadtest.Gateway;
import io.flashsale.loadtest.OpenModel;
import io.flashsale.loadtest.Requests;
import io.flashsale.loadtest.SaleSetup;
import io.flashsale.platform.security.LocalTokens;

/**
 * One flash sale on the local stack: create it, let a crowd of shoppers rush it through
 * the gateway at a fixed arrival rate (open model, {@link Rush}), wait for the orders to
 * drain; then some winners pay at a sandbox channel (a few pay twice), the rest let their
 * short pay deadline pass, and every invariant is checked. Exits 1 if any fails, so it
 * can gate a rehearsal; 2 for a wrong command line.
 *
 * <p>
 * Options ({@link DemoOptions}): {@code --units=100 --limit=1 --attempts=100000
 * --shoppers=50000 --rate=5000 --connections=100 --seed=42 --pay-percent=60
 * --pay-timeout=60 --pay-twice=5 --gateway=http://127.0.0.1:18080}.
 *
 * <p>
 * The steps, in order: {@link #openSale}, {@link #rush}, {@link #collect}, then
 * {@link Outcome#print} and {@link Invariants#check}.
 */
public final class SaleDemo {

	/**
	 * How long the rush awaits answers after its last attempt is due: well past the
	 * gateway's own limit on the orders route (12 s), so what is missing then was never
	 * sent (the stack fell that far behind) or never answered.
	 */
	private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

	/** The pacing timer's shortest sleep, as the bench's default. */
	private static final Duration TICK = Duration.ofNanos(250_000);

	private final DemoOptions options;

	private final Gateway gateway;

	private final LocalTokens tokens;

	private final String admin;

	private final SaleSetup setup;

	/** Tells this run's shoppers and sale from earlier runs'. */
	private final String run = Long.toString(System.currentTimeMillis(), 36);

	private final String[] shopperTokens;

	/** The same tokens as ASCII bytes, for the rush's requests. */
	private final byte[][] shopperTokenBytes;

	private SaleDemo(DemoOptions options) {
		this.options = options;
		this.gateway = new Gateway(options.gateway.url());
		this.tokens = LocalTokens.forLocalStack(Duration.ofHours(1));
		this.admin = this.tokens.admin("demo-ops");
		this.setup = new SaleSetup(this.gateway, this.admin, this.tokens.user("demo-" + this.run + "-0"));
		this.shopperTokens = new String[options.shoppers];
		this.shopperTokenBytes = new byte[options.shoppers][];
	}

	public static void main(String[] args) {
		Locale.setDefault(Locale.ROOT);
		DemoOptions options = new DemoOptions();
		CommandLines.parse(options, args, DemoOptions::check, System.out, System.err).ifPresent(System::exit);
		SaleDemo demo = new SaleDemo(options);
		long saleId = demo.openSale();
		Rush.Result rush = demo.rush(saleId);
		Outcome outcome = demo.collect(saleId, rush);
		outcome.print(System.out);
		System.exit(Invariants.check(outcome, System.out) ? 0 : 1);
	}

	/**
	 * Mints a token per shopper, before the sale, so that none is minted on the rush's
	 * send path; then sets up the sale.
	 */
	long openSale() {
		System.out.printf("minting %d shoppers' tokens ...%n", this.options.shoppers);
		for (int i = 0; i < this.shopperTokens.length; i++) {
			this.shopperTokens[i] = this.tokens.user("demo-" + this.run + "-" + i);
			this.shopperTokenBytes[i] = Requests.ascii(this.shopperTokens[i]);
		}
		System.out.printf("setting up: %d units, limit %d ...%n", this.options.units, this.options.limit);
		return this.setup.openSale("Demo " + this.run, this.options.units, this.options.limit, 1999,
				this.options.payTimeout);
	}

	/** The shoppers rush the sale, at the options' rate whatever the answers do. */
	Rush.Result rush(long saleId) {
		int[] plan = Rush.plan(this.options.attempts, this.options.shoppers, new Random(this.options.seed));
		URI url = URI.create(this.options.gateway.url());
		List<InetAddress> crowd = Rush.crowdAddresses(url, this.options.connections);
		System.out.printf("flash sale %d open: %d attempts from %d shoppers offered at %d/s for %.1f s; %s%n", saleId,
				this.options.attempts, this.options.shoppers, this.options.rate,
				(double) this.options.attempts / this.options.rate,
				Rush.pace(this.options.attempts, this.options.shoppers, this.options.rate));
		System.out.printf("  %d keep-alive connections, %s%n", this.options.connections, crowd.isEmpty()
				? "all from one address (the gateway's per-IP bucket sees one client)"
				: "each from its own loopback address (127.1.x.y), so the gateway's per-IP bucket sees a crowd");
		Rush.Result rush;
		try (OpenModel model = new OpenModel(url, this.options.connections, 1, ANSWER_TIMEOUT, TICK, crowd)) {
			rush = Rush.run(model, url, saleId, this.shopperTokenBytes, plan, this.options.rate, "demo-" + this.run);
		}
		OpenModel.Step step = rush.step();
		System.out.printf("rush over: %d sent, %.1f/s answered, p50 %.1f / p99 %.1f ms from intended send; %s%n",
				step.sent(), step.achieved(), step.p50(), step.p99(), Outcome.answers(step));
		return rush;
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

	/**
	 * What an answer of the rush means: {@code accepted}, {@code sold-out},
	 * {@code limit-exceeded}, {@code rate-limited} (any 429: a bucket, or the blacklist),
	 * {@code not-accepted}, else {@code errors} (no answer included).
	 */
	static String classify(OpenModel.Outcome answer) {
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
