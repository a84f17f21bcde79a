package io.flashsale.payment.channel;

import java.time.Instant;

/**
 * A verified callback: the channel says a trade was paid (or failed).
 *
 * @param tradeNo the channel's trade number
 * @param merchantRef the payment id
 * @param orderId the order
 * @param amountCents the amount the channel took, in minor units
 * @param state {@link TradeState#PAID} or {@link TradeState#FAILED}
 * @param paidAt when the channel says it happened
 * @param timestamp when this delivery was signed
 * @param nonce unique per delivery
 */
public record CallbackNotice(String tradeNo, String merchantRef, String orderId, long amountCents, TradeState state,
		Instant paidAt, Instant timestamp, String nonce) {

}
