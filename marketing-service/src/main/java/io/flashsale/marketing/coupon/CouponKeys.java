package io.flashsale.marketing.coupon;

/**
 * The Redis keys of one template's counters. All share the hash tag {@code {t:<id>}}, so
 * every script over them runs on one Redis Cluster slot.
 *
 * @param meta hash: claim window start and end (epoch millis) and per-user limit
 * @param stock string: coupons left
 * @param claims hash: user id → coupons that shopper holds of this template
 * @param idempotency hash: Idempotency-Key → {@code userId|couponId}
 * @param issued hash: coupon id → its claim record (state, user, time, key) as JSON
 */
record CouponKeys(String meta, String stock, String claims, String idempotency, String issued) {

	static CouponKeys of(long templateId) {
		String prefix = "coupon:{t:" + templateId + "}:";
		return new CouponKeys(prefix + "meta", prefix + "stock", prefix + "claims", prefix + "idem", prefix + "issued");
	}

}
