package io.flashsale.payment.payments;

import java.time.Instant;

import io.flashsale.contracts.Money;

/**
 * One payment of an order at one channel, as stored. The amount is always the order's
 * total as order-service stated it, never a client's figure.
 *
 * @param id the payment id, the channel's merchant reference
 * @param orderId the order paid
 * @param userId the payer, the order's owner
 * @param channel the channel
 * @param amountCents the amount, in minor units
 * @param status the current status
 * @param tradeNo the channel's trade number, once opened
 * @param payUrl where the shopper pays, once opened
 * @param failureReason why it failed, if it did
 * @param refundReason why it is refunded, if it is
 * @param refundId the refund's id at the channel, if refunded
 * @param createdAt when it was created
 * @param updatedAt the last transition
 * @param succeededAt when the channel took the money
 * @param refundedAt when the channel returned it
 */
public record Payment(String id, String orderId, String userId, String channel, long amountCents, PaymentStatus status,
		String tradeNo, String payUrl, String failureReason, String refundReason, String refundId, Instant createdAt,
		Instant updatedAt, Instant succeededAt, Instant refundedAt) {

	/** The amount as money (the ledger keeps minor units of the platform currency). */
	public Money amount() {
		return Money.of(this.amountCents, Money.CNY);
	}

}
