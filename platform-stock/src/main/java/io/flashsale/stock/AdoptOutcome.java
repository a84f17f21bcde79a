package io.flashsale.stock;

/**
 * What the adopt script found and did for an acknowledged order whose reservation is not
 * in Redis.
 */
public sealed interface AdoptOutcome {

	/**
	 * The reservation exists after all (a race with a slower path); nothing changed.
	 *
	 * @param state the state it was found in
	 */
	record Exists(Reservation.State state) implements AdoptOutcome {
	}

	/**
	 * The sale's counters are gone; the rebuild from the orders of record counts the
	 * order once it is written. Nothing changed.
	 */
	record CountersLost() implements AdoptOutcome {
	}

	/**
	 * A CONFIRMED reservation now holds the order's units.
	 *
	 * @param remaining the stock counter after the call; negative when the data loss
	 * oversold the sale
	 */
	record Adopted(long remaining) implements AdoptOutcome {

		public boolean oversold() {
			return this.remaining < 0;
		}

	}

}
