package io.flashsale.marketing.coupon;

/** What the claim script decided. */
sealed interface ClaimOutcome {

	/** One coupon taken for the shopper; {@code remaining} are left. */
	record Taken(String couponId, long remaining) implements ClaimOutcome {
	}

	/** The shopper's key was used before, for this coupon. */
	record Replayed(String couponId) implements ClaimOutcome {
	}

	/** Another shopper used this key on this template. */
	record KeyReused() implements ClaimOutcome {
	}

	/** No counters for the template: unknown, or lost with Redis data. */
	record NotPrepared() implements ClaimOutcome {
	}

	/** Outside the claim window. */
	record NotOpen() implements ClaimOutcome {
	}

	/** The shopper holds {@code held}, the template's limit. */
	record LimitReached(long held) implements ClaimOutcome {
	}

	/** No coupon left. */
	record Gone() implements ClaimOutcome {
	}

}
