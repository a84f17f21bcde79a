package io.flashsale.stock;

import java.time.Instant;

/**
 * A reservation record as Redis keeps it.
 *
 * @param orderId the order it becomes
 * @param state its state
 * @param userId the buyer
 * @param quantity units held
 * @param reservedAt when it was taken
 */
public record Reservation(String orderId, State state, String userId, int quantity, Instant reservedAt) {

	/** Whether the reservation still holds stock. */
	public boolean holdsStock() {
		return this.state == State.RESERVED || this.state == State.CONFIRMED;
	}

	/** The life of a reservation. */
	public enum State {

		/** Stock taken; no order claimed it yet. */
		RESERVED,
		/** The order writer claimed it; an order exists or is being written. */
		CONFIRMED,
		/** No order claimed it in time, or the hand-off failed; its units went back. */
		RELEASED,
		/**
		 * Its order was cancelled after the claim; its units went back. Terminal, like
		 * RELEASED.
		 */
		CANCELLED

	}

}
