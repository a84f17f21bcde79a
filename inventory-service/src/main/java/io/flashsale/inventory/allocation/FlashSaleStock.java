package io.flashsale.inventory.allocation;

import java.time.Instant;

import io.flashsale.stock.SaleCounters;

/**
 * A row of {@code flash_sale_stock}: the stock a flash sale was given and what placed
 * orders left of it. Never leaves the service as is.
 *
 * @param flashSaleId the sale
 * @param skuId the SKU the stock came from
 * @param allocated units taken off the SKU for the sale
 * @param remaining allocated less the units of applied orders that were not cancelled
 * @param ordersApplied placed orders taken off {@code remaining}
 * @param startsAt the window's start, once a {@code FlashSaleScheduled} was consumed
 * @param endsAt the window's exclusive end, likewise
 * @param perUserLimit most units one shopper may hold, likewise
 * @param scheduledAt when the applied {@code FlashSaleScheduled} occurred
 * @param warmedAt when the Redis counters were created, null before
 */
public record FlashSaleStock(long flashSaleId, long skuId, int allocated, int remaining, int ordersApplied,
		Instant startsAt, Instant endsAt, Integer perUserLimit, Instant scheduledAt, Instant warmedAt) {

	/** Whether the sale's window and limit are known, so its counters can be warmed. */
	public boolean scheduled() {
		return this.startsAt != null && this.endsAt != null && this.perUserLimit != null;
	}

	public boolean warmed() {
		return this.warmedAt != null;
	}

	/**
	 * What the Redis counters are created with: the whole allocation, never
	 * {@code remaining}, because counters are only ever created before any order.
	 * @return the counters
	 * @throws IllegalStateException if the sale is not {@link #scheduled()}
	 */
	public SaleCounters counters() {
		if (!scheduled()) {
			throw new IllegalStateException("Flash sale " + this.flashSaleId + " has no window yet");
		}
		return new SaleCounters(this.flashSaleId, this.allocated, this.startsAt, this.endsAt, this.perUserLimit);
	}

}
