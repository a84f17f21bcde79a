package io.flashsale.payment.channel;

import java.time.Instant;

/**
 * One trade of a channel's statement.
 *
 * @param tradeNo the channel's trade number
 * @param merchantRef the payment id
 * @param orderId the order
 * @param amountCents the amount, in minor units
 * @param state its state when the statement was drawn
 * @param createdAt when it was opened
 * @param paidAt when it was paid, if it was
 */
public record StatementLine(String tradeNo, String merchantRef, String orderId, long amountCents, TradeState state,
		Instant createdAt, Instant paidAt) {

}
