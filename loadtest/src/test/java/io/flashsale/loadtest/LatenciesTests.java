package io.flashsale.loadtest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LatenciesTests {

	@Test
	void reportsNearestRankPercentilesInMilliseconds() {
		Latencies latencies = new Latencies();
		for (int i = 100; i >= 1; i--) {
			latencies.add(i * 1_000_000L);
		}
		assertThat(latencies.count()).isEqualTo(100);
		assertThat(latencies.percentileMillis(50)).isEqualTo(50.0);
		assertThat(latencies.percentileMillis(99)).isEqualTo(99.0);
		assertThat(latencies.percentileMillis(100)).isEqualTo(100.0);
	}

	@Test
	void mergesAnotherThreadsSamples() {
		Latencies odd = new Latencies();
		Latencies even = new Latencies();
		for (int i = 1; i <= 3000; i++) {
			((i % 2 == 0) ? even : odd).add(i * 1_000_000L);
		}
		odd.addAll(even);
		assertThat(odd.count()).isEqualTo(3000);
		assertThat(odd.percentilesMillis(50, 99.9, 100)).containsExactly(1500.0, 2997.0, 3000.0);
	}

	@Test
	void reportsZeroWithoutSamples() {
		assertThat(new Latencies().percentileMillis(99)).isZero();
	}

}
