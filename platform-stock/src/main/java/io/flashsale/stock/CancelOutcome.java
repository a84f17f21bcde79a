package io.flashsale.stock;

/**
 * What the cancel script found and did for a cancelled order's reservation.
 */
public sealed interface CancelOutcome {

	/**
	 * This call returned the units: the reservation is now CANCELLED.
	 *
	 * @param quantity units returned to the stock
	 * @param remaining units left after the return
	 */
	record Cancelled(int quantity, long remaining) implements CancelOutcome {

		/**
		 * Whether the sale had sold out before this return, so instances must hear of it.
		 */
		public boolean restocked() {
			return this.remaining == this.quantity;
		}

	}

	/**
	 * The reservation was not CONFIRMED, so nothing changed: CANCELLED means an earlier
	 * call returned the units, RESERVED and RELEASED belong to the reaper's life cycle.
	 *
	 * @param state the state it was found in
	 */
	record Unchanged(Reservation.State state) implements CancelOutcome {
	}

	/**
	 * No reservation for the order (never taken, or lost with Redis); nothing changed.
	 */
	record Missing() implements CancelOutcome {
	}

	/**
	 * The reservation exists but the stock counter does not; the sale waits for a rebuild
	 * from the orders of record, which leaves cancelled orders out. Nothing changed.
	 */
	record NotWarmed() implements CancelOutcome {
	}

}
