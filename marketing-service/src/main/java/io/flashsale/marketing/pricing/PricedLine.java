package io.flashsale.marketing.pricing;

import java.util.Objects;

import io.flashsale.contracts.Money;

/**
 * A basket line at its list price of record (inventory-service's, never the client's).
 *
 * @param skuId the item
 * @param shopId the shop that sells it
 * @param unitPrice the list price of one unit, positive
 * @param quantity units, positive
 */
public record PricedLine(long skuId, long shopId, Money unitPrice, int quantity) {

	public PricedLine {
		Objects.requireNonNull(unitPrice, "unitPrice");
		if (unitPrice.minor() <= 0 || quantity <= 0) {
			throw new IllegalArgumentException("a line needs a positive unit price and quantity");
		}
	}

	public Money listAmount() {
		return this.unitPrice.times(this.quantity);
	}

}
