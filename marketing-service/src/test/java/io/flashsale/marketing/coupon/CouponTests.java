package io.flashsale.marketing.coupon;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The coupon aggregate's lifecycle rules. */
class CouponTests {

	private static final Instant CLAIMED = Instant.parse("2026-12-01T00:00:00Z");

	private final Coupon coupon = Coupon.issued("c1", 1, "alice", CLAIMED, CLAIMED, CLAIMED.plus(7, ChronoUnit.DAYS));

	@Test
	void isUnusedWithinItsValidityAndExpiredAfter() {
		assertThat(this.coupon.stateAt(CLAIMED)).isEqualTo(CouponState.UNUSED);
		assertThat(this.coupon.usableAt(CLAIMED.minusMillis(1))).isFalse();
		assertThat(this.coupon.usableAt(CLAIMED.plus(7, ChronoUnit.DAYS).minusMillis(1))).isTrue();
		assertThat(this.coupon.stateAt(CLAIMED.plus(7, ChronoUnit.DAYS))).isEqualTo(CouponState.EXPIRED);
		assertThat(this.coupon.usableAt(CLAIMED.plus(7, ChronoUnit.DAYS))).isFalse();
	}

	@Test
	void movesUnusedToLockedToUsedAndNeverBack() {
		Instant at = CLAIMED.plusSeconds(60);
		Coupon locked = this.coupon.lock("o1", at);
		assertThat(locked.state()).isEqualTo(CouponState.LOCKED);
		assertThat(locked.orderId()).isEqualTo("o1");
		assertThatIllegalStateException().isThrownBy(() -> locked.lock("o2", at));
		assertThatIllegalStateException().isThrownBy(() -> locked.use("o2", at));
		Coupon used = locked.use("o1", at);
		assertThat(used.state()).isEqualTo(CouponState.USED);
		assertThat(used.stateAt(CLAIMED.plus(30, ChronoUnit.DAYS))).isEqualTo(CouponState.USED);
		assertThatIllegalStateException().isThrownBy(() -> used.release("o1", at));
		assertThatIllegalStateException().isThrownBy(() -> used.lock("o3", at));
	}

	@Test
	void releasesOnlyForItsOwnOrder() {
		Instant at = CLAIMED.plusSeconds(60);
		Coupon locked = this.coupon.lock("o1", at);
		assertThatIllegalStateException().isThrownBy(() -> locked.release("o2", at));
		Coupon released = locked.release("o1", at);
		assertThat(released.state()).isEqualTo(CouponState.UNUSED);
		assertThat(released.orderId()).isNull();
		assertThatIllegalStateException().isThrownBy(() -> released.release("o1", at));
	}

	@Test
	void refusesToLockAnExpiredCoupon() {
		assertThatIllegalStateException().isThrownBy(() -> this.coupon.lock("o1", CLAIMED.plus(8, ChronoUnit.DAYS)));
	}

}
