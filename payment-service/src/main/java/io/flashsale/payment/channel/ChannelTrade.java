package io.flashsale.payment.channel;

import java.time.Instant;

/**
 * A trade as its channel reports it.
 *
 * @param tradeNo the channel's trade number
 * @param merchantRef the payment id it was opened for
 * @param orderId the order
 * @param amountCents the amount, in minor units
 * @param state its state
 * @param paidAt when it was paid, if it was
 */
public record ChannelTrade(String tradeNo, String merchantRef, String orderId, long amountCents, TradeState state,
		Instant paidAt) {

	public static ChannelTrade unknown(String tradeNo) {
		return new ChannelTrade(tradeNo, null, null, 0, TradeState.UNKNOWN, null);
	}

}
