package io.flashsale.payment.channel;

import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpHeaders;

/**
 * One payment channel (a wallet or a card acquirer) as payment-service uses it. The
 * merchant API calls ({@link #open}, {@link #query}, {@link #close}, {@link #refund},
 * {@link #statement}) go over the network; callers reach them through {@link Channels},
 * which wraps each in the channel's circuit breaker and time limit.
 *
 * <p>
 * A call that gets no usable answer throws {@link ChannelUnavailable} (counts against the
 * channel's health); a definite refusal throws {@link ChannelRefused}.
 */
public interface PaymentChannel {

	/** The channel's name, as in {@code flashsale.payment.channels.<name>}. */
	String name();

	/**
	 * Opens a trade the shopper then pays at the channel.
	 * @param charge what to charge, under the payment id as merchant reference
	 * @return the channel's trade number and where the shopper pays
	 */
	OpenedTrade open(Charge charge);

	/**
	 * The channel's view of a trade.
	 * @return the trade; {@link TradeState#UNKNOWN} when the channel has no such trade
	 */
	ChannelTrade query(String tradeNo);

	/**
	 * Closes an unpaid trade so it can no longer be paid.
	 * @return the trade after the attempt; a trade that was paid first stays
	 * {@link TradeState#PAID}
	 */
	ChannelTrade close(String tradeNo);

	/**
	 * Returns a paid trade's money. Idempotent per {@code refundId}.
	 */
	Refund refund(String tradeNo, long amountCents, String refundId);

	/** The channel's trades created in {@code [from, to)}. */
	List<StatementLine> statement(Instant from, Instant to);

	/**
	 * Verifies a callback's signature and reads it. Freshness, replay and the match with
	 * the ledger are the caller's checks.
	 * @throws InvalidCallback when the signature is wrong or the body unreadable
	 */
	CallbackNotice verify(HttpHeaders headers, byte[] body);

	/** What this channel expects as the answer to a callback it may stop resending. */
	CallbackAck ack();

	/**
	 * What to charge.
	 *
	 * @param paymentId the merchant reference
	 * @param orderId the order paid
	 * @param amountCents the amount, in minor units
	 */
	record Charge(String paymentId, String orderId, long amountCents) {

	}

	/**
	 * A trade opened at the channel.
	 *
	 * @param tradeNo the channel's trade number
	 * @param payUrl where the shopper confirms the payment
	 */
	record OpenedTrade(String tradeNo, String payUrl) {

	}

	/**
	 * A refund the channel confirmed.
	 *
	 * @param refundId the merchant's refund id
	 * @param refundedAt when the channel returned the money
	 */
	record Refund(String refundId, Instant refundedAt) {

	}

	/**
	 * The body a channel expects as acknowledgement.
	 *
	 * @param contentType its media type
	 * @param body the exact text
	 */
	record CallbackAck(String contentType, String body) {

	}

}
