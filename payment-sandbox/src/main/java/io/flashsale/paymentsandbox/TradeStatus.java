package io.flashsale.paymentsandbox;

/** A trade's state in a sandbox wallet's books. */
enum TradeStatus {

	/** Opened, not paid yet. */
	WAITING,

	/** The shopper paid. */
	PAID,

	/** The shopper's payment failed. */
	FAILED,

	/** Closed unpaid; it can no longer be paid. */
	CLOSED,

	/** Paid, then refunded in full. */
	REFUNDED

}
