package io.flashsale.paymentsandbox;

import java.time.Instant;

/**
 * A trade in a sandbox wallet's own books.
 *
 * @param channel the wallet
 * @param tradeNo its trade number
 * @param merchantRef the merchant's reference (the payment id)
 * @param orderId the merchant's order
 * @param amountCents the amount, in minor units
 * @param status its state
 * @param refundId the merchant's refund id, once refunded
 * @param createdAt when it was opened
 * @param paidAt when it was paid
 * @param refundedAt when it was refunded
 */
record SandboxTrade(String channel, String tradeNo, String merchantRef, String orderId, long amountCents,
		TradeStatus status, String refundId, Instant createdAt, Instant paidAt, Instant refundedAt) {

}
