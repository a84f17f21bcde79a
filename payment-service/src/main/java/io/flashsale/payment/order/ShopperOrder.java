package io.flashsale.payment.order;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An order as order-service shows it to its owner.
 *
 * @param orderId the order
 * @param status PROCESSING, PENDING_PAYMENT, PAID or CANCELLED
 * @param flashSaleId the sale
 * @param quantity units bought
 * @param unitPriceCents price per unit, once written
 * @param totalCents what is owed, once written
 * @param payDeadline when an unpaid order is cancelled
 * @param createdAt when it was accepted
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ShopperOrder(String orderId, String status, long flashSaleId, int quantity, Long unitPriceCents,
		Long totalCents, Instant payDeadline, Instant createdAt) {

	/** The only status a payment may be opened for. */
	public static final String PENDING_PAYMENT = "PENDING_PAYMENT";

	public boolean payable() {
		return PENDING_PAYMENT.equals(this.status) && this.totalCents != null && this.totalCents > 0;
	}

}
