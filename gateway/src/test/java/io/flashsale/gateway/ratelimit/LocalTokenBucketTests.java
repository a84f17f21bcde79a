package io.flashsale.gateway.ratelimit;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LocalTokenBucketTests {

	private static final long SECOND = 1_000_000_000L;

	private final AtomicLong clock = new AtomicLong(42 * SECOND);

	@Test
	void spendsItsBurstThenRefillsAtItsRate() {
		LocalTokenBucket bucket = new LocalTokenBucket(2, 4, this.clock::get);
		assertThat(bucket.tryConsume(1)).isTrue();
		assertThat(bucket.tryConsume(1)).isTrue();
		assertThat(bucket.tryConsume(1)).isTrue();
		assertThat(bucket.tryConsume(1)).isTrue();
		assertThat(bucket.tryConsume(1)).isFalse();

		this.clock.addAndGet(SECOND / 2);
		assertThat(bucket.tryConsume(1)).isTrue();
		assertThat(bucket.tryConsume(1)).isFalse();
	}

	@Test
	void neverHoldsMoreThanItsCapacity() {
		LocalTokenBucket bucket = new LocalTokenBucket(2, 4, this.clock::get);
		this.clock.addAndGet(3600 * SECOND);
		assertThat(drain(bucket)).isEqualTo(4);
	}

	@Test
	void rejectsARequestCostingMoreThanItHoldsWithoutSpendingAnything() {
		LocalTokenBucket bucket = new LocalTokenBucket(1, 3, this.clock::get);
		assertThat(bucket.tryConsume(2)).isTrue();
		assertThat(bucket.tryConsume(2)).isFalse();
		assertThat(bucket.tryConsume(1)).isTrue();
	}

	@Test
	void givesEachReplicaItsShareOfASharedBucket() {
		LocalTokenBucket share = LocalTokenBucket.shareOf(new RateLimitProperties.Bucket(3000, 6000, 1), 3,
				this.clock::get);
		assertThat(drain(share)).isEqualTo(2000);
		this.clock.addAndGet(SECOND / 10);
		assertThat(drain(share)).isEqualTo(100);
	}

	private static int drain(LocalTokenBucket bucket) {
		int granted = 0;
		while (bucket.tryConsume(1)) {
			granted++;
		}
		return granted;
	}

}
