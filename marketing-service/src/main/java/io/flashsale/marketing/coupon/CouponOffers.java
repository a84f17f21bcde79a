package io.flashsale.marketing.coupon;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.flashsale.marketing.pricing.CouponOffer;
import io.flashsale.marketing.pricing.ShopperCoupons;

import org.springframework.stereotype.Component;

/**
 * The price engine's view of a shopper's coupons: those among the ids the shopper holds,
 * unused and within validity, each with its template's rule. Two reads (coupons, then
 * their templates), whatever the number of ids.
 */
@Component
class CouponOffers implements ShopperCoupons {

	/** More ids than a quote ever carries; a longer list is cut, not an error. */
	private static final int MOST_IDS = 100;

	private final Coupons coupons;

	private final CouponTemplates templates;

	CouponOffers(Coupons coupons, CouponTemplates templates) {
		this.coupons = coupons;
		this.templates = templates;
	}

	@Override
	public List<CouponOffer> usable(String userId, Collection<String> couponIds, Instant at) {
		if (userId == null || couponIds == null || couponIds.isEmpty()) {
			return List.of();
		}
		List<String> ids = couponIds.stream().distinct().limit(MOST_IDS).toList();
		List<Coupon> held = this.coupons.findUsable(userId, ids, at);
		if (held.isEmpty()) {
			return List.of();
		}
		Map<Long, CouponTemplate> byId = this.templates
			.findAll(held.stream().map(Coupon::templateId).collect(Collectors.toSet()))
			.stream()
			.collect(Collectors.toMap(CouponTemplate::id, Function.identity()));
		return held.stream().map((coupon) -> byId.get(coupon.templateId()).offer(coupon.id())).toList();
	}

}
