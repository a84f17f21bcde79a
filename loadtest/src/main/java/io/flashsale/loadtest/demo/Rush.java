package io.flashsale.loadtest.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

import io.flashsale.loadtest.Gateway;
import io.flashsale.loadtest.Latencies;

/**
 * The shoppers' rush: {@code attempts} purchases of one unit from {@code shoppers}
 * shoppers, {@code concurrency} in flight at once, each answer classified (see
 * {@link SaleDemo#classify}).
 */
final class Rush {

	private Rush() {
	}

	/**
	 * Who tries, in order: every shopper at least once, the rest of the attempts by
	 * random shoppers, shuffled.
	 */
	static List<Integer> plan(int attempts, int shoppers, Random random) {
		List<Integer> plan = new ArrayList<>(attempts);
		for (int i = 0; i < attempts; i++) {
			plan.add((i < shoppers) ? i : random.nextInt(shoppers));
		}
		Collections.shuffle(plan, random);
		return plan;
	}

	static Result run(Gateway gateway, long saleId, String[] shopperTokens, List<Integer> plan, int concurrency) {
		Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
		Map<String, String> errorSamples = new ConcurrentHashMap<>();
		List<Won> won = Collections.synchronizedList(new ArrayList<>());
		Latencies latencies = new Latencies();
		Semaphore inFlight = new Semaphore(concurrency);
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
						String outcome = SaleDemo.classify(answer);
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
					}
				});
			}
		}
		return new Result(outcomes, errorSamples, List.copyOf(won), latencies, (System.nanoTime() - started) / 1e9);
	}

	/**
	 * An accepted purchase.
	 *
	 * @param shopper the shopper's index
	 * @param orderId the order it became
	 */
	record Won(int shopper, String orderId) {
	}

	/**
	 * What the rush got.
	 *
	 * @param outcomes answers per outcome
	 * @param errorSamples one answer body per kind of error
	 * @param won the accepted purchases
	 * @param latencies the answers' latencies
	 * @param seconds how long the rush took
	 */
	record Result(Map<String, AtomicLong> outcomes, Map<String, String> errorSamples, List<Won> won,
			Latencies latencies, double seconds) {

		long count(String outcome) {
			AtomicLong value = this.outcomes.get(outcome);
			return (value != null) ? value.get() : 0;
		}

	}

}
