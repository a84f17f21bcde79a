package io.flashsale.contracts.payment;

import java.time.Instant;

/**
 * A successful payment was refunded in full at its channel.
 *
 * @param paymentId the payment
 * @param orderId the order it paid
 * @param userId the payer
 * @param channel the channel that returned the money
 * @param amountCents the amount returned, in minor units
 * @param reason why: {@code order-cancelled}, {@code already-paid} or
 * {@code reconciliation}
 * @param refundedAt when the channel confirmed the refund
 */
public record PaymentRefunded(String paymentId, String orderId, String userId, String channel, long amountCents,
		String reason, Instant refundedAt) {

}
