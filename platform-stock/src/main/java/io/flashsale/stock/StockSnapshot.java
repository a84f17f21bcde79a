package io.flashsale.stock;

import java.util.List;

/**
 * A sale's counters, read atomically.
 *
 * @param flashSaleId the sale
 * @param initialStock units the sale was warmed with, or -1 when not warmed
 * @param remaining units left in Redis, or -1 when not warmed
 * @param reservations every reservation record of the sale
 */
public record StockSnapshot(long flashSaleId, long initialStock, long remaining, List<Reservation> reservations) {

	public boolean warmed() {
		return this.initialStock >= 0 && this.remaining >= 0;
	}

	/** Units held by reservations that still hold stock. */
	public long held() {
		return this.reservations.stream().filter(Reservation::holdsStock).mapToLong(Reservation::quantity).sum();
	}

}
