package io.flashsale.marketing.pricing;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.flashsale.contracts.Ids;
import io.flashsale.marketing.inventory.InventoryCallFailed;
import io.flashsale.marketing.inventory.SkuPrice;
import io.flashsale.marketing.inventory.SkuPrices;
import io.flashsale.marketing.inventory.SkuUnknown;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Makes a signed quote: list prices of record from inventory-service, the shopper's
 * usable coupons from the coupons feature, the promotions this instance holds, and the
 * {@link PriceEngine}. Nothing is written: the signature is what makes the quote binding.
 */
@Service
class QuoteService {

	private final SkuPrices prices;

	private final ObjectProvider<ShopperCoupons> coupons;

	private final ActivePromotions promotions;

	private final PriceEngine engine;

	private final Quotes quotes;

	private final PricingProperties properties;

	private final Clock clock;

	QuoteService(SkuPrices prices, ObjectProvider<ShopperCoupons> coupons, ActivePromotions promotions,
			PriceEngine engine, Quotes quotes, PricingProperties properties, Clock clock) {
		this.prices = prices;
		this.coupons = coupons;
		this.promotions = promotions;
		this.engine = engine;
		this.quotes = quotes;
		this.properties = properties;
		this.clock = clock;
	}

	Quote quote(QuoteRequest request, String userId) {
		// Millisecond instants, so the quote's JSON round-trips to the same signed
		// content.
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		List<PricedLine> lines = priced(request.lines());
		List<CouponOffer> usable = usableCoupons(userId, request.coupons(), now);
		PriceBreakdown breakdown = this.engine.price(lines, this.promotions.current(), usable, now);
		Quote unsigned = new Quote(Ids.randomUuid().toString(), userId,
				lines.getFirst().unitPrice().currency().getCurrencyCode(),
				breakdown.lines().stream().map(QuoteService::line).toList(),
				breakdown.gifts()
					.stream()
					.map((gift) -> new Quote.Gift(gift.skuId(), gift.quantity(), gift.promotionId()))
					.toList(),
				discounts(breakdown.applied()), breakdown.listTotal().minor(), breakdown.discountTotal().minor(),
				breakdown.total().minor(), now, now.plus(this.properties.quoteTtl()), null);
		return this.quotes.sign(unsigned);
	}

	private List<PricedLine> priced(List<QuoteRequest.Line> requested) {
		Map<Long, SkuPrice> byId;
		try {
			byId = this.prices.prices(requested.stream().map(QuoteRequest.Line::skuId).toList());
		}
		catch (SkuUnknown ex) {
			throw new SkuNotFound(ex.skuId());
		}
		catch (InventoryCallFailed ex) {
			throw new InventoryUnavailable();
		}
		List<PricedLine> lines = new ArrayList<>();
		Set<Currency> currencies = new HashSet<>();
		for (QuoteRequest.Line line : requested) {
			SkuPrice price = byId.get(line.skuId());
			if (price.listPrice() == null || price.listPrice().minor() <= 0) {
				throw new SkuNotPriced(line.skuId());
			}
			currencies.add(price.listPrice().currency());
			lines.add(new PricedLine(line.skuId(), price.shopId(), price.listPrice(), line.quantity()));
		}
		if (currencies.size() > 1) {
			throw new MixedCurrencies();
		}
		return lines;
	}

	/** Every coupon asked for must be usable, or there is no quote. */
	private List<CouponOffer> usableCoupons(String userId, List<String> couponIds, Instant now) {
		if (couponIds.isEmpty()) {
			return List.of();
		}
		ShopperCoupons shopperCoupons = this.coupons.getIfAvailable();
		if (shopperCoupons == null) {
			throw new CouponNotUsable(couponIds);
		}
		List<CouponOffer> usable = shopperCoupons.usable(userId, couponIds, now);
		Set<String> usableIds = new HashSet<>();
		for (CouponOffer offer : usable) {
			usableIds.add(offer.couponId());
		}
		List<String> refused = couponIds.stream().filter((id) -> !usableIds.contains(id)).toList();
		if (!refused.isEmpty()) {
			throw new CouponNotUsable(refused);
		}
		return usable.stream().filter((offer) -> couponIds.contains(offer.couponId())).toList();
	}

	private static Quote.Line line(QuotedLine line) {
		return new Quote.Line(line.skuId(), line.shopId(), line.quantity(), line.unitPrice().minor(),
				line.listAmount().minor(), discounts(line.applied()), line.paid().minor());
	}

	private static List<Quote.Discount> discounts(List<Applied> applied) {
		return applied.stream()
			.map((discount) -> new Quote.Discount(discount.kind(), discount.id(), discount.name(),
					discount.amount().minor()))
			.toList();
	}

}
