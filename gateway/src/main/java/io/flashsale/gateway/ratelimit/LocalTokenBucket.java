package io.flashsale.gateway.ratelimit;

import java.util.function.LongSupplier;

/**
 * An in-process token bucket: what a route's global limit falls back to while Redis
 * cannot answer. Each gateway replica then enforces its share of the route's rate alone.
 * Synchronized: it only carries traffic during a Redis outage, where correctness matters
 * more than contention.
 */
final class LocalTokenBucket {

	private static final double NANOS_PER_SECOND = 1_000_000_000d;

	private final double replenishRate;

	private final double capacity;

	private final LongSupplier nanoClock;

	private double tokens;

	private long refilledAt;

	LocalTokenBucket(double replenishRate, double capacity, LongSupplier nanoClock) {
		this.replenishRate = replenishRate;
		this.capacity = capacity;
		this.nanoClock = nanoClock;
		this.tokens = capacity;
		this.refilledAt = nanoClock.getAsLong();
	}

	/**
	 * A replica's share of a shared bucket: rate and capacity divided by the number of
	 * replicas, never below one token.
	 * @param bucket the shared bucket
	 * @param replicas gateway replicas
	 * @param nanoClock the time source, {@link System#nanoTime()} outside tests
	 * @return the local bucket
	 */
	static LocalTokenBucket shareOf(RateLimitProperties.Bucket bucket, int replicas, LongSupplier nanoClock) {
		double rate = Math.max(1d, (double) bucket.replenishRate() / replicas);
		double capacity = Math.max(bucket.requestedTokens(), (double) bucket.burstCapacity() / replicas);
		return new LocalTokenBucket(rate, capacity, nanoClock);
	}

	synchronized boolean tryConsume(int requested) {
		long now = this.nanoClock.getAsLong();
		this.tokens = Math.min(this.capacity,
				this.tokens + (now - this.refilledAt) * this.replenishRate / NANOS_PER_SECOND);
		this.refilledAt = now;
		if (this.tokens < requested) {
			return false;
		}
		this.tokens -= requested;
		return true;
	}

}
