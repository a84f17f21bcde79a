package io.flashsale.order.catalog;

import java.time.Duration;
import java.time.Instant;

import io.flashsale.contracts.marketing.FlashSaleScheduled;

/**
 * A flash sale as the purchase path needs it: price, window and limit, never fetched from
 * another service while buying.
 *
 * @param id the sale
 * @param skuId the item
 * @param priceCents the sale price per unit
 * @param stock units allocated
 * @param perUserLimit most units one shopper may hold
 * @param startsAt first instant of the window
 * @param endsAt first instant after it
 * @param payTimeout how long an order waits for payment
 */
public record FlashSale(long id, long skuId, long priceCents, int stock, int perUserLimit, Instant startsAt,
		Instant endsAt, Duration payTimeout) {

	static FlashSale from(FlashSaleScheduled event) {
		return new FlashSale(event.flashSaleId(), event.skuId(), event.priceCents(), event.stock(),
				event.perUserLimit(), event.startsAt(), event.endsAt(), Duration.ofSeconds(event.payTimeoutSeconds()));
	}

	public boolean isActiveAt(Instant now) {
		return !now.isBefore(this.startsAt) && now.isBefore(this.endsAt);
	}

}
