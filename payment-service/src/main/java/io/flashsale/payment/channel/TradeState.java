package io.flashsale.payment.channel;

/** A trade's state at its channel, in the channel-neutral words of this service. */
public enum TradeState {

	/** Opened, not paid yet. */
	WAITING,

	/** The shopper paid. */
	PAID,

	/** The payment attempt failed at the channel. */
	FAILED,

	/** Closed unpaid; it can no longer be paid. */
	CLOSED,

	/** Paid, then refunded in full. */
	REFUNDED,

	/** The channel does not know the trade. */
	UNKNOWN;

	/** Whether the channel holds (or held, before a refund) the shopper's money. */
	public boolean moneyTaken() {
		return this == PAID || this == REFUNDED;
	}

}
