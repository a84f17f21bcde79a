package io.flashsale.loadtest;

import java.util.Arrays;

/**
 * Latency samples in nanoseconds and their percentiles (nearest rank). Exact for the
 * sample counts a local run produces; no histogram buckets to blur the tail.
 */
public final class Latencies {

	private long[] samples = new long[1024];

	private int count;

	public synchronized void add(long nanos) {
		if (this.count == this.samples.length) {
			this.samples = Arrays.copyOf(this.samples, this.count * 2);
		}
		this.samples[this.count++] = nanos;
	}

	/** Adds every sample of {@code other}, such as another thread's share of a step. */
	public void addAll(Latencies other) {
		long[] theirs;
		int theirCount;
		synchronized (other) {
			theirs = other.samples;
			theirCount = other.count;
		}
		synchronized (this) {
			if (this.count + theirCount > this.samples.length) {
				this.samples = Arrays.copyOf(this.samples, Math.max(this.count + theirCount, this.count * 2));
			}
			System.arraycopy(theirs, 0, this.samples, this.count, theirCount);
			this.count += theirCount;
		}
	}

	public synchronized int count() {
		return this.count;
	}

	/**
	 * @param percentile 0 to 100
	 * @return the sample at that nearest rank, in milliseconds; 0 without samples
	 */
	public synchronized double percentileMillis(double percentile) {
		return percentilesMillis(percentile)[0];
	}

	/**
	 * @param percentiles each 0 to 100
	 * @return the sample at each nearest rank, in milliseconds (one sort for all); 0
	 * without samples
	 */
	public synchronized double[] percentilesMillis(double... percentiles) {
		double[] millis = new double[percentiles.length];
		if (this.count == 0) {
			return millis;
		}
		long[] sorted = Arrays.copyOf(this.samples, this.count);
		Arrays.sort(sorted);
		for (int p = 0; p < percentiles.length; p++) {
			// Less a hair, so that 99.9 % of 3,000 is rank 2,997 and not 2,998 by
			// rounding.
			int rank = (int) Math.ceil(percentiles[p] / 100.0 * sorted.length - 1e-9);
			millis[p] = sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1_000_000.0;
		}
		return millis;
	}

}
