package io.flashsale.payment.reconciliation;

/**
 * One difference between a channel's statement and the ledger.
 *
 * @param kind {@code repaired} (paid at the channel, now SUCCEEDED here),
 * {@code missing-at-channel} (money taken in the ledger, no such trade at the channel),
 * {@code not-paid-at-channel} (money taken in the ledger, the channel's trade is not
 * paid), {@code refunded-at-channel-only}, {@code amount-mismatch},
 * {@code unknown-at-ledger} (a channel trade no payment here opened)
 * @param paymentId the payment, if known
 * @param tradeNo the channel's trade, if known
 * @param ledgerStatus the payment's status, if known
 * @param channelState the trade's state at the channel, if it has one
 * @param ledgerAmountCents the ledger's amount, if known
 * @param channelAmountCents the channel's amount, if it has one
 */
record Finding(String kind, String paymentId, String tradeNo, String ledgerStatus, String channelState,
		Long ledgerAmountCents, Long channelAmountCents) {

	static final String REPAIRED = "repaired";

	boolean flagged() {
		return !REPAIRED.equals(this.kind);
	}

}
