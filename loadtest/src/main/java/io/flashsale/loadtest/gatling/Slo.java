package io.flashsale.loadtest.gatling;

/**
 * One workload's service-level objective and its share of the arrivals in the mix.
 *
 * @param p99Millis the 99th percentile of each of its requests must stay below this
 * @param maxErrorRatio the share of its requests that may fail (KO: a transport error or
 * an answer no shopper should get), 0 to 1
 * @param mixShare its weight among the workloads of {@code --scenario=mix}
 */
record Slo(long p99Millis, double maxErrorRatio, int mixShare) {

	Slo {
		if (p99Millis < 1 || maxErrorRatio < 0 || maxErrorRatio > 1 || mixShare < 0) {
			throw new IllegalArgumentException(
					"an SLO needs p99-ms >= 1, max-error-ratio in 0..1 and mix-share >= 0; got p99-ms=" + p99Millis
							+ ", max-error-ratio=" + maxErrorRatio + ", mix-share=" + mixShare);
		}
	}

}
