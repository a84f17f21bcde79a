package io.flashsale.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.flashsale.devstack.StackPort;
import io.flashsale.loadtest.Gateway;
import io.flashsale.loadtest.SaleSetup;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shopper who got 202 has an order, whatever dies or stalls when: a sale of 300 units
 * (limit 1) to 600 shoppers through the gateway while a real process of the running stack
 * is killed, stopped or frozen at a seeded moment. Shoppers behave as clients should: an
 * answer that decides nothing (5xx, no answer, 429) is retried with the same
 * Idempotency-Key until it decides. Afterwards every 202 is exactly one order its owner
 * can read, Redis and the database both hold the rest of the stock (0 after a top-up
 * wave), and reconciliation is consistent. Each fault runs over several seeds, since what
 * breaks depends on timing.
 */
class FaultEndToEndTests {

	private static final int UNITS = 300;

	private static final int SHOPPERS = 600;

	private final Gateway gateway = new Gateway("http://127.0.0.1:" + Stack.APPS.get("gateway"));

	private final String admin = Stack.TOKENS.admin("e2e-ops");

	/** order-service killed with SIGKILL 1-4 s into the sale, then started again. */
	@ParameterizedTest(name = "seed {0}")
	@ValueSource(longs = { 11, 23, 37 })
	void keepsEveryAcknowledgedOrderWhenOrderServiceIsKilledMidSale(long seed) throws Exception {
		saleUnderFault(seed, "kill-order", () -> flashsale("restart", "order-service", "--kill"));
	}

	/** The broker frozen (SIGSTOP) for 10 s 1-4 s into the sale, then resumed. */
	@ParameterizedTest(name = "seed {0}")
	@ValueSource(longs = { 5, 9 })
	void keepsEveryAcknowledgedOrderWhenTheBrokerFreezesMidSale(long seed) throws Exception {
		saleUnderFault(seed, "freeze-kafka", () -> {
			long pid = listener(StackPort.KAFKA.port());
			run("kill", "-STOP", Long.toString(pid));
			try {
				Thread.sleep(10_000);
			}
			finally {
				run("kill", "-CONT", Long.toString(pid));
			}
		});
	}

	/** Redis killed with SIGKILL 1-4 s into the sale and started again in place. */
	@ParameterizedTest(name = "seed {0}")
	@ValueSource(longs = { 3, 8 })
	void keepsEveryAcknowledgedOrderWhenRedisIsKilledAndRestartedMidSale(long seed) throws Exception {
		saleUnderFault(seed, "kill-redis", () -> flashsale("restart", "redis", "--kill"));
	}

	private void saleUnderFault(long seed, String fault, Fault action) throws Exception {
		Random random = new Random(seed);
		String run = fault + "-" + seed + "-" + Long.toString(System.nanoTime(), 36);
		SaleSetup setup = new SaleSetup(this.gateway, this.admin, Stack.TOKENS.user("e2e-" + run));
		long sale = setup.openSale("E2E " + run, UNITS, 1, 990);
		String body = "{\"flashSaleId\":" + sale + ",\"quantity\":1}";
		long faultAfterMillis = 1000 + random.nextInt(3000);

		Map<String, String> accepted = new ConcurrentHashMap<>();
		Set<String> refusals = ConcurrentHashMap.newKeySet();
		ExecutorService shoppers = Executors.newFixedThreadPool(64);
		ExecutorService faults = Executors.newSingleThreadExecutor();
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int i = 0; i < SHOPPERS; i++) {
				String user = "e2e-" + run + "-" + i;
				done.add(shoppers.submit(() -> {
					start.await();
					shop(user, body, accepted, refusals);
					return null;
				}));
			}
			start.countDown();
			Future<?> injected = faults.submit(() -> {
				Thread.sleep(faultAfterMillis);
				action.inject();
				return null;
			});
			for (Future<?> shopper : done) {
				shopper.get(5, TimeUnit.MINUTES);
			}
			injected.get(5, TimeUnit.MINUTES);
		}
		finally {
			shoppers.shutdownNow();
			faults.shutdownNow();
		}
		assertThat(refusals).as("answers that must never come (%s at %d ms)", fault, faultAfterMillis)
			.noneMatch((code) -> code.startsWith("404") || code.startsWith("500") || code.startsWith("422"));
		assertThat(accepted).as("never more 202s than units").hasSizeLessThanOrEqualTo(UNITS);
		// Units given back by a failed hand-off are sold to a top-up wave, so the counts
		// below are exact.
		for (int i = 0; accepted.size() < UNITS && i < 2 * UNITS; i++) {
			shop("e2e-" + run + "-late-" + i, body, accepted, refusals);
		}
		assertThat(accepted).hasSize(UNITS);
		assertThat(new HashSet<>(accepted.values())).as("one order id per shopper").hasSize(UNITS);

		JsonNode report = setup.awaitDrained(sale, UNITS);
		assertThat(report.get("ordersByStatus").get("PENDING_PAYMENT").asLong()).as(report.toString()).isEqualTo(UNITS);
		assertThat(report.get("redisRemaining").asLong()).as(report.toString()).isZero();
		assertThat(report.get("databaseRemaining").asLong()).as(report.toString()).isZero();
		assertThat(report.get("reservationsWithoutOrder").asLong()).isZero();
		assertThat(report.get("ordersWithoutReservation").asLong()).isZero();
		assertThat(report.get("consistent").asBoolean()).as(report.toString()).isTrue();
		for (Map.Entry<String, String> order : accepted.entrySet()) {
			Gateway.Answer read = this.gateway.get("/api/orders/" + order.getValue(),
					Stack.TOKENS.user(order.getKey()));
			assertThat(read.status()).as("order %s of %s", order.getValue(), order.getKey()).isEqualTo(200);
			assertThat(read.body()).contains("\"status\":\"PENDING_PAYMENT\"");
		}
	}

	/**
	 * One shopper: the same key until an answer decides. 202 is an order; 409 (sold out)
	 * is a no; anything else is retried after a second.
	 */
	private void shop(String user, String body, Map<String, String> accepted, Set<String> refusals)
			throws InterruptedException {
		String token = Stack.TOKENS.user(user);
		String key = UUID.randomUUID().toString();
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (System.nanoTime() < deadline) {
			Gateway.Answer answer = this.gateway.post("/api/orders", token, key, body);
			if (answer.status() == 202) {
				String orderId = answer.json().get("orderId").asString();
				String earlier = accepted.putIfAbsent(user, orderId);
				assertThat(earlier).as("a replay answers the same order").isIn(null, orderId);
				return;
			}
			if (answer.status() >= 400 && answer.status() < 500 && answer.status() != 429) {
				refusals.add(answer.status() + " " + answer.code());
				return;
			}
			Thread.sleep(800 + (user.hashCode() & 0x1ff));
		}
		throw new AssertionError(user + " got no deciding answer within 3 minutes");
	}

	private static void flashsale(String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(root().resolve("flashsale").toString());
		command.addAll(List.of(args));
		run(command.toArray(String[]::new));
	}

	private static Path root() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.exists(dir.resolve("flashsale"))) {
			dir = dir.getParent();
		}
		if (dir == null) {
			throw new IllegalStateException("no ./flashsale above " + Path.of("").toAbsolutePath());
		}
		return dir;
	}

	/** The pid listening on a loopback port, as {@code ss} shows it. */
	private static long listener(int port) throws IOException, InterruptedException {
		Process ss = new ProcessBuilder("ss", "-ltnpH", "sport = :" + port).redirectErrorStream(true).start();
		String out = new String(ss.getInputStream().readAllBytes());
		ss.waitFor();
		int at = out.indexOf("pid=");
		if (at < 0) {
			throw new IllegalStateException("nothing listens on " + port + ": " + out);
		}
		return Long.parseLong(out.substring(at + 4).replaceFirst("[^0-9].*", "").trim());
	}

	private static void run(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String out = new String(process.getInputStream().readAllBytes());
		if (!process.waitFor(3, TimeUnit.MINUTES) || process.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
		}
	}

	@FunctionalInterface
	private interface Fault {

		void inject() throws Exception;

	}

}
