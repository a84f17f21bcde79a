package io.flashsale.loadtest.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
import io.flashsale.platform.security.LocalTokens;

/**
 * One flash sale on the local stack: create it, let a crowd of shoppers rush it through
 * the gateway, wait for the orders to drain, then check the invariants. Exits 1 if any
 * fails, so it can gate a rehearsal.
 *
 * <p>
 * Options: {@code --units=100 --limit=1 --attempts=5000 --shoppers=2000
 * --concurrency=200 --seed=42 --gateway=http://127.0.0.1:18080}.
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
		if (units < 1 || limit < 1 || shoppers < 1 || attempts < shoppers || concurrency < 1) {
			throw new IllegalArgumentException(
					"Need units, limit, shoppers, concurrency >= 1 and attempts >= shoppers");
		}
		Gateway gateway = new Gateway(options.gatewayUrl());
		LocalTokens tokens = LocalTokens.forLocalStack(Duration.ofHours(1));
		String admin = tokens.admin("demo-ops");
		String run = Long.toString(System.currentTimeMillis(), 36);

		System.out.printf("setting up: %d units, limit %d ...%n", units, limit);
		SaleSetup setup = new SaleSetup(gateway, admin, tokens.user("demo-" + run + "-0"));
		long saleId = setup.openSale("Demo " + run, units, limit, 1999);

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
		ok &= check("Redis remaining + ordered units == units", redisRemaining + ordered == units);
		ok &= check("database remaining == Redis remaining",
				databaseRemaining != null && databaseRemaining == redisRemaining);
		ok &= check("reconciliation consistent (limits, reservations, orders)", report.get("consistent").asBoolean());
		ok &= check("every attempt got a deliberate answer (no errors)", count(outcomes, "errors") == 0);
		System.out.println(ok ? "all invariants hold" : "INVARIANT VIOLATED");
		System.exit(ok ? 0 : 1);
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
