package io.flashsale.stock;

/**
 * What the reservation script decided.
 */
public sealed interface ReserveOutcome {

	/** Stock was taken; {@code remaining} units are left. */
	record Reserved(String orderId, long remaining) implements ReserveOutcome {
	}

	/** The idempotency key was seen with the same request; the first answer stands. */
	record Replayed(String orderId) implements ReserveOutcome {
	}

	/** The idempotency key was seen with a different request. */
	record KeyReused() implements ReserveOutcome {
	}

	/** Outside the sale window. */
	record NotActive() implements ReserveOutcome {
	}

	/** The counters are absent: not warmed yet, or lost with Redis. Fail closed. */
	record NotWarmed() implements ReserveOutcome {
	}

	/** The user already holds {@code held} units; more would pass the limit. */
	record LimitExceeded(long held) implements ReserveOutcome {
	}

	/** Fewer than the requested units are left. */
	record SoldOut(long remaining) implements ReserveOutcome {
	}

}
