package io.flashsale.marketing.pricing;

import java.util.List;

import io.flashsale.contracts.Money;

/**
 * What the price engine made of a basket. The lines' paid amounts always add up to
 * {@code total}, and {@code total = listTotal - discountTotal}.
 *
 * @param lines the basket lines, in the order given
 * @param gifts gift lines, at zero
 * @param applied each promotion and coupon applied with its whole amount, in stage order
 * @param listTotal the sum of the lines' list amounts
 * @param discountTotal the sum of every amount applied
 * @param total what the shopper pays
 */
public record PriceBreakdown(List<QuotedLine> lines, List<GiftLine> gifts, List<Applied> applied, Money listTotal,
		Money discountTotal, Money total) {

	public PriceBreakdown {
		lines = List.copyOf(lines);
		gifts = List.copyOf(gifts);
		applied = List.copyOf(applied);
	}

}
