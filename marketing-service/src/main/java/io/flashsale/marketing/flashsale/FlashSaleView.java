package io.flashsale.marketing.flashsale;

import java.time.Instant;

/**
 * A flash sale as callers see it.
 *
 * @param id the sale
 * @param skuId the item on sale
 * @param title what shoppers see
 * @param priceCents sale price per unit, in minor units
 * @param stock units allocated to the sale
 * @param perUserLimit most units one shopper may hold
 * @param startsAt first instant purchases are accepted
 * @param endsAt first instant purchases are refused again
 * @param payTimeoutSeconds how long an order waits for payment
 * @param status where the sale stands now
 */
record FlashSaleView(long id, long skuId, String title, long priceCents, int stock, int perUserLimit, Instant startsAt,
		Instant endsAt, int payTimeoutSeconds, Status status) {

	enum Status {

		/** Before {@code startsAt}. */
		SCHEDULED,

		/** From {@code startsAt} (inclusive) to {@code endsAt} (exclusive). */
		ACTIVE,

		/** From {@code endsAt} on. */
		ENDED

	}

}
