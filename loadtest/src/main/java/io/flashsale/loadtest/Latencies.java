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

	public synchronized int count() {
		return this.count;
	}

	/**
	 * @param percentile 0 to 100
	 * @return the sample at that nearest rank, in milliseconds; 0 without samples
	 */
	public synchronized double percentileMillis(double percentile) {
		if (this.count == 0) {
			return 0;
		}
		long[] sorted = Arrays.copyOf(this.samples, this.count);
		Arrays.sort(sorted);
		int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1_000_000.0;
	}

}
