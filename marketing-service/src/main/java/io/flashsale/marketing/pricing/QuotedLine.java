package io.flashsale.marketing.pricing;

import java.util.List;

import io.flashsale.contracts.Money;

/**
 * A basket line as priced.
 *
 * @param skuId the item
 * @param shopId the shop that sells it
 * @param quantity units
 * @param unitPrice the list price of one unit
 * @param listAmount unit price × quantity
 * @param applied each promotion and coupon with its share taken off this line, in stage
 * order
 * @param paid what the shopper pays for the line: list amount less every share, never
 * negative
 */
public record QuotedLine(long skuId, long shopId, int quantity, Money unitPrice, Money listAmount,
		List<Applied> applied, Money paid) {

	public QuotedLine {
		applied = List.copyOf(applied);
	}

}
