package io.flashsale.contracts.order;

import java.time.Instant;

/**
 * An order moved from PENDING_PAYMENT to PAID; the payment it names is the one the order
 * keeps.
 *
 * @param orderId the order
 * @param flashSaleId the sale
 * @param userId the buyer
 * @param paymentId the kept payment
 * @param totalCents what was paid, in minor units
 * @param paidAt when the order became paid
 */
public record OrderPaid(String orderId, long flashSaleId, String userId, String paymentId, long totalCents,
		Instant paidAt) {

}
