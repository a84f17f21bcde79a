package io.flashsale.loadtest.bench;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.function.Predicate;

import io.flashsale.loadtest.Gateway;
import io.flashsale.loadtest.Latencies;

/**
 * An open-model load step: requests start on a fixed schedule whatever the answers do,
 * and each latency is measured from the request's intended send time. A slow server
 * therefore shows up as latency rather than as fewer requests (no coordinated omission).
 */
final class OpenModel {

	private OpenModel() {
	}

	/**
	 * @param rate requests per second to offer
	 * @param duration how long to offer them
	 * @param request the i-th request
	 * @param success which answers count as the intended outcome
	 */
	static Step run(int rate, Duration duration, IntFunction<Gateway.Answer> request,
			Predicate<Gateway.Answer> success) {
		int total = (int) (rate * duration.toMillis() / 1000);
		double interval = 1e9 / rate;
		Latencies latencies = new Latencies();
		AtomicLong succeeded = new AtomicLong();
		AtomicLong lastCompletion = new AtomicLong();
		Map<String, AtomicLong> answers = new ConcurrentHashMap<>();
		long start = System.nanoTime() + 100_000_000L;
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < total; i++) {
				long intended = start + (long) (i * interval);
				long wait = intended - System.nanoTime();
				if (wait > 0) {
					LockSupport.parkNanos(wait);
				}
				int index = i;
				threads.submit(() -> {
					Gateway.Answer answer = request.apply(index);
					long completed = System.nanoTime();
					latencies.add(completed - intended);
					lastCompletion.accumulateAndGet(completed, Math::max);
					answers
						.computeIfAbsent(answer.status() + (answer.code().isEmpty() ? "" : " " + answer.code()),
								(key) -> new AtomicLong())
						.incrementAndGet();
					if (success.test(answer)) {
						succeeded.incrementAndGet();
					}
				});
			}
			threads.shutdown();
			threads.awaitTermination(2, TimeUnit.MINUTES);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		double seconds = Math.max(1e-9, (lastCompletion.get() - start) / 1e9);
		Map<String, Long> counts = new TreeMap<>();
		answers.forEach((key, value) -> counts.put(key, value.get()));
		return new Step(rate, total, succeeded.get(), succeeded.get() / seconds, latencies.percentileMillis(50),
				latencies.percentileMillis(99), counts);
	}

	/**
	 * One step's figures.
	 *
	 * @param offered requests per second offered
	 * @param sent requests sent
	 * @param succeeded requests with the intended outcome
	 * @param achieved intended outcomes per second, over the step
	 * @param p50 median latency from intended send, ms
	 * @param p99 99th percentile latency from intended send, ms
	 * @param answers answers by status and problem code
	 */
	record Step(int offered, int sent, long succeeded, double achieved, double p50, double p99,
			Map<String, Long> answers) {

		double successRatio() {
			return (this.sent == 0) ? 0 : (double) this.succeeded / this.sent;
		}

	}

}
