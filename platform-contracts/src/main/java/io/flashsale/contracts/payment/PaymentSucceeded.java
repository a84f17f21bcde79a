package io.flashsale.contracts.payment;

import java.time.Instant;

/**
 * A channel confirmed that the shopper paid. Published once per payment, whichever path
 * learnt it first (callback, active query or statement reconciliation). order-service
 * marks the order paid, or answers {@code PaymentRejected}.
 *
 * @param paymentId the payment
 * @param orderId the order it pays
 * @param userId the payer, the order's owner
 * @param channel the channel that took the money
 * @param amountCents the amount taken, in minor units; always the order's total
 * @param succeededAt when the channel says the payment succeeded
 */
public record PaymentSucceeded(String paymentId, String orderId, String userId, String channel, long amountCents,
		Instant succeededAt) {

}
