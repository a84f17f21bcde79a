package io.flashsale.payment.payments;

import java.util.Set;

/**
 * A payment's life: CREATED -> PAYING -> SUCCEEDED | FAILED | CLOSED, and SUCCEEDED ->
 * REFUNDING -> REFUNDED. The channel has the last word on money: a FAILED or CLOSED
 * payment the channel reports paid (a late callback, an active query, the statement)
 * still becomes SUCCEEDED, so that it is either kept or refunded.
 */
public enum PaymentStatus {

	CREATED, PAYING, SUCCEEDED, FAILED, CLOSED, REFUNDING, REFUNDED;

	/** The statuses a channel's "paid" may move a payment out of. */
	static final Set<PaymentStatus> SUCCEEDABLE = Set.of(CREATED, PAYING, FAILED, CLOSED);

	/** Open: the shopper may still pay at the channel. */
	public boolean open() {
		return this == CREATED || this == PAYING;
	}

	/** The channel took the money, whatever happened to it since. */
	public boolean moneyTaken() {
		return this == SUCCEEDED || this == REFUNDING || this == REFUNDED;
	}

}
