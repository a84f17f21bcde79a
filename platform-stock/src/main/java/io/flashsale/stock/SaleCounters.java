package io.flashsale.stock;

import java.time.Instant;

/**
 * What the counters of a sale are warmed with.
 *
 * @param flashSaleId the sale
 * @param initialStock units allocated to the sale
 * @param startsAt first instant purchases are accepted
 * @param endsAt first instant they are refused again
 * @param perUserLimit most units one user may hold
 */
public record SaleCounters(long flashSaleId, int initialStock, Instant startsAt, Instant endsAt, int perUserLimit) {

	public SaleCounters {
		if (initialStock < 0 || perUserLimit < 1 || !endsAt.isAfter(startsAt)) {
			throw new IllegalArgumentException("Invalid counters for flash sale " + flashSaleId);
		}
	}

}
