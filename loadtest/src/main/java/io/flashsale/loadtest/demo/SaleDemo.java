package io.flashsale.loadtest.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;

import io.flashsale.loadtest.Gateway;
import io.flashsale.loadtest.Latencies;
import io.flashsale.loadtest.Options;
import io.flashsale.loadtest.SaleSetup;
import io.flashsale.loadtest.Shopper;
import io.flashsale.platform.security.LocalTokens;

/**
 * One flash sale on the local stack: create it, let a crowd of shoppers rush it through
 * the gateway, wait for the orders to drain; then some winners pay at a sandbox channel
 * (a few pay twice), the rest let their short pay deadline pass, and every invariant is
 * checked. Exits 1 if any fails, so it can gate a rehearsal.
 *
 * <p>
 * Options: {@code --units=100 --limit=1 --attempts=5000 --shoppers=2000
 * --concurrency=200 --seed=42 --pay-percent=60 --pay-timeout=60 --pay-twice=5
 * --gateway=http://127.0.0.1:18080}.
 */
public final class SaleDemo {

	private SaleDemo() {
	}

	public static void main(String[] args) {
		Options options = new Options(args);
		int units = options.integer("units", 100);
		int limit = options.integer("limit", 1);
		int attempts = options.integer("attempts", 5000);
		int shoppers = options.integer("shoppers", 2000);
		int concurrency = options.integer("concurrency", 200);
		long seed = options.integer("seed", 42);
		int payPercent = options.integer("pay-percent", 60);
		int payTimeout = options.integer("pay-timeout", 60);
		int payTwice = options.integer("pay-twice", 5);
		if (units < 1 || limit < 1 || shoppers < 1 || attempts < shoppers || concurrency < 1 || payPercent < 0
				|| payPercent > 100 || payTimeout < 1 || payTwice < 0) {
			throw new IllegalArgumentException("Need units, limit, shoppers, concurrency, pay-timeout >= 1, "
					+ "attempts >= shoppers, pay-percent in 0..100 and pay-twice >= 0");
		}
		Gateway gateway = new Gateway(options.gatewayUrl());
		LocalTokens tokens = LocalTokens.forLocalStack(Duration.ofHours(1));
		String admin = tokens.admin("demo-ops");
		String run = Long.toString(System.currentTimeMillis(), 36);

		System.out.printf("setting up: %d units, limit %d ...%n", units, limit);
		SaleSetup setup = new SaleSetup(gateway, admin, tokens.user("demo-" + run + "-0"));
		long saleId = setup.openSale("Demo " + run, units, limit, 1999, payTimeout);

		// Every shopper tries at least once; the rest of the attempts go to random
		// shoppers.
		Random random = new Random(seed);
		List<Integer> plan = new ArrayList<>(attempts);
		for (int i = 0; i < attempts; i++) {
			plan.add((i < shoppers) ? i : random.nextInt(shoppers));
		}
		Collections.shuffle(plan, random);
		String[] shopperTokens = new String[shoppers];
		for (int i = 0; i < shoppers; i++) {
			shopperTokens[i] = tokens.user("demo-" + run + "-" + i);
		}

		System.out.printf("flash sale %d open: %d attempts from %d shoppers, %d at once%n", saleId, attempts, shoppers,
				concurrency);
		Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
		Map<String, String> errorSamples = new ConcurrentHashMap<>();
		List<Won> won = Collections.synchronizedList(new ArrayList<>());
		Latencies latencies = new Latencies();
		Semaphore inFlight = new Semaphore(concurrency);
		CountDownLatch done = new CountDownLatch(attempts);
		String body = "{\"flashSaleId\":" + saleId + ",\"quantity\":1}";
		long started = System.nanoTime();
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int shopper : plan) {
				inFlight.acquireUninterruptibly();
				threads.submit(() -> {
					try {
						long sent = System.nanoTime();
						Gateway.Answer answer = gateway.post("/api/orders", shopperTokens[shopper],
								UUID.randomUUID().toString(), body);
						latencies.add(System.nanoTime() - sent);
						String outcome = classify(answer);
						if (outcome.equals("accepted")) {
							won.add(new Won(shopper, answer.json().get("orderId").asString()));
						}
						outcomes.computeIfAbsent(outcome, (key) -> new AtomicLong()).incrementAndGet();
						if (outcome.equals("errors")) {
							errorSamples.putIfAbsent(answer.status() + " " + answer.code(), answer.body());
						}
					}
					finally {
						inFlight.release();
						done.countDown();
					}
				});
			}
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		long accepted = count(outcomes, "accepted");

		System.out.println("waiting for the orders to drain ...");
		JsonNode report = setup.awaitDrained(saleId, accepted);
		if (!SaleSetup.isDrained(report, accepted)) {
			System.out.println("  (not drained after 90 s; reporting the last state)");
		}
		long persisted = SaleSetup.total(report.get("ordersByStatus"));

		Payments payments = payAndExpire(gateway, shopperTokens, won, payPercent, payTwice, payTimeout, seed);
		if (!won.isEmpty()) {
			report = awaitStockBack(gateway, admin, saleId, units - payments.paid);
		}
		long ordered = report.get("quantityByStatus").get("PENDING_PAYMENT").asLong()
				+ report.get("quantityByStatus").get("PAID").asLong();
		long redisRemaining = report.get("redisRemaining").asLong();
		JsonNode databaseNode = report.get("databaseRemaining");
		Long databaseRemaining = (databaseNode == null || databaseNode.isNull()) ? null : databaseNode.asLong();

		System.out.println();
		System.out.printf("flash sale %d: %d units, limit %d, %d attempts from %d shoppers in %.1f s (%.0f/s)%n",
				saleId, units, limit, attempts, shoppers, seconds, attempts / seconds);
		row("accepted", accepted);
		row("sold-out", count(outcomes, "sold-out"));
		row("limit-exceeded", count(outcomes, "limit-exceeded"));
		row("rate-limited", count(outcomes, "rate-limited"));
		row("not accepted (503)", count(outcomes, "not-accepted"));
		row("errors", count(outcomes, "errors"));
		row("orders persisted", persisted);
		row("paid", payments.paid);
		row("cancelled (expired)", payments.cancelled);
		row("refunded", payments.refunded);
		row("stock returned", redisRemaining - (units - accepted));
		System.out.printf("  %-18s %8.1f ms%n", "latency p50", latencies.percentileMillis(50));
		System.out.printf("  %-18s %8.1f ms%n", "latency p99", latencies.percentileMillis(99));
		row("redis remaining", redisRemaining);
		System.out.printf("  %-18s %8s%n", "database remaining", (databaseRemaining != null) ? databaseRemaining : "?");
		System.out.printf("  %-18s %8s%n", "reconciliation",
				report.get("consistent").asBoolean() ? "CONSISTENT" : "VIOLATED");
		report.get("violations").forEach((violation) -> System.out.println("    - " + violation.asString()));
		errorSamples.forEach((kind, sample) -> System.out.println("    error " + kind + ": " + abbreviate(sample)));

		System.out.println();
		boolean ok = check("no oversell: accepted <= units", accepted <= units);
		ok &= check("every accepted purchase became one order", persisted == accepted);
		ok &= check("every order ended paid or cancelled", payments.paid + payments.cancelled == accepted
				&& report.get("ordersByStatus").get("PENDING_PAYMENT").asLong() == 0);
		ok &= check("every unpaid order was cancelled and its unit returned", redisRemaining == units - payments.paid);
		ok &= check("every paid order keeps exactly one successful payment of its total", payments.keptOnePerPaid);
		ok &= check("every other successful payment was refunded", payments.refunded == payments.extraPayments);
		ok &= check("Redis remaining + ordered units == units", redisRemaining + ordered == units);
		ok &= check("database remaining == Redis remaining",
				databaseRemaining != null && databaseRemaining == redisRemaining);
		ok &= check("reconciliation consistent (limits, reservations, orders)", report.get("consistent").asBoolean());
		ok &= check("every attempt got a deliberate answer (no errors)", count(outcomes, "errors") == 0);
		System.out.println(ok ? "all invariants hold" : "INVARIANT VIOLATED");
		System.exit(ok ? 0 : 1);
	}

	/**
	 * {@code payPercent} of the winners pay through the gateway at whichever sandbox
	 * channel routing picks, and confirm at the channel; the first {@code payTwice} of
	 * them also pay a second time at the other channel. The rest do nothing, and their
	 * orders are cancelled at the deadline.
	 */
	private static Payments payAndExpire(Gateway gateway, String[] tokens, List<Won> won, int payPercent, int payTwice,
			int payTimeout, long seed) {
		List<Won> order = new ArrayList<>(won);
		Collections.shuffle(order, new Random(seed));
		int paying = (int) Math.round(order.size() * payPercent / 100.0);
		List<Won> payers = order.subList(0, paying);
		List<Won> idle = order.subList(paying, order.size());
		int twice = Math.min(payTwice, payers.size());
		System.out.printf("%d winners pay (%d of them twice), %d let the %d s deadline pass ...%n", payers.size(),
				twice, idle.size(), payTimeout);
		AtomicLong failedPayments = new AtomicLong();
		forEach(payers, (winner) -> {
			Shopper shopper = new Shopper(gateway, tokens[winner.shopper()]);
			shopper.awaitOrder(winner.orderId(), Set.of("PENDING_PAYMENT"), Duration.ofSeconds(30));
			Gateway.Answer started = shopper.startPayment(winner.orderId(), null);
			if (started.status() != 201) {
				failedPayments.incrementAndGet();
				return;
			}
			JsonNode first = started.json();
			JsonNode second = null;
			if (payers.indexOf(winner) < twice) {
				String other = first.get("channel").asString().equals("sandpay") ? "quickwallet" : "sandpay";
				Gateway.Answer again = shopper.startPayment(winner.orderId(), other);
				second = (again.status() == 201) ? again.json() : null;
			}
			if (shopper.confirmAtChannel(first).status() != 200) {
				failedPayments.incrementAndGet();
			}
			if (second != null && shopper.confirmAtChannel(second).status() != 200) {
				failedPayments.incrementAndGet();
			}
		});
		Duration wait = Duration.ofSeconds(payTimeout + 60);
		forEach(payers, (winner) -> new Shopper(gateway, tokens[winner.shopper()]).awaitOrder(winner.orderId(),
				Set.of("PAID", "CANCELLED"), wait));
		forEach(idle, (winner) -> new Shopper(gateway, tokens[winner.shopper()]).awaitOrder(winner.orderId(),
				Set.of("PAID", "CANCELLED"), wait));
		Payments result = new Payments();
		result.keptOnePerPaid = failedPayments.get() == 0;
		for (Won winner : order) {
			Shopper shopper = new Shopper(gateway, tokens[winner.shopper()]);
			JsonNode view = shopper.order(winner.orderId()).json();
			boolean paid = view.get("status").asString().equals("PAID");
			List<JsonNode> taken = awaitSettled(shopper, winner.orderId());
			long kept = taken.stream().filter((p) -> p.get("status").asString().equals("SUCCEEDED")).count();
			long refunded = taken.stream().filter((p) -> p.get("status").asString().equals("REFUNDED")).count();
			if (paid) {
				result.paid++;
				result.keptOnePerPaid &= kept == 1 && taken.stream()
					.filter((p) -> p.get("status").asString().equals("SUCCEEDED"))
					.allMatch((p) -> p.get("amountCents").asLong() == view.get("totalCents").asLong());
				result.extraPayments += refunded + kept - 1;
			}
			else {
				result.cancelled++;
				result.extraPayments += refunded + kept;
				result.keptOnePerPaid &= kept == 0;
			}
			result.refunded += refunded;
		}
		return result;
	}

	/** The order's payments once none is still on its way to SUCCEEDED or REFUNDED. */
	private static List<JsonNode> awaitSettled(Shopper shopper, String orderId) {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		List<JsonNode> payments = shopper.payments(orderId);
		while (System.nanoTime() < deadline && payments.stream()
			.anyMatch((p) -> Set.of("CREATED", "PAYING", "REFUNDING").contains(p.get("status").asString()))) {
			pause();
			payments = shopper.payments(orderId);
		}
		return payments;
	}

	private static JsonNode awaitStockBack(Gateway gateway, String admin, long saleId, long expectedRemaining) {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		JsonNode report = null;
		while (System.nanoTime() < deadline) {
			Gateway.Answer answer = gateway.get("/api/admin/reconciliation/" + saleId, admin);
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

	private static void forEach(List<Won> winners, java.util.function.Consumer<Won> action) {
		try (ExecutorService threads = Executors.newFixedThreadPool(32)) {
			for (Won winner : winners) {
				threads.submit(() -> action.accept(winner));
			}
		}
	}

	private static void pause() {
		try {
			Thread.sleep(250);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private record Won(int shopper, String orderId) {
	}

	private static final class Payments {

		long paid;

		long cancelled;

		long refunded;

		long extraPayments;

		boolean keptOnePerPaid;

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

	private static long count(Map<String, AtomicLong> outcomes, String outcome) {
		AtomicLong value = outcomes.get(outcome);
		return (value != null) ? value.get() : 0;
	}

	private static void row(String label, long value) {
		System.out.printf("  %-18s %8d%n", label, value);
	}

	private static boolean check(String invariant, boolean holds) {
		System.out.printf("  [%s] %s%n", holds ? "ok" : "FAILED", invariant);
		return holds;
	}

	private static String abbreviate(String text) {
		return (text == null || text.length() <= 160) ? text : text.substring(0, 160) + "...";
	}

}
