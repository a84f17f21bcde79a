package io.flashsale.contracts;

/**
 * Kafka topic names. Each topic carries {@link EventEnvelope} JSON, keyed by the
 * aggregate id, so one aggregate's events stay in order on one partition.
 */
public final class Topics {

	/**
	 * {@code FlashSaleScheduled}, keyed by flash-sale id. Compacted: the latest record
	 * per sale is its current campaign data, so a new consumer can read the whole
	 * catalogue.
	 */
	public static final String FLASH_SALES = "flashsale.flash-sales";

	/**
	 * {@code OrderReserved}, keyed by order id: the hot path's hand-off to the order
	 * writer.
	 */
	public static final String ORDER_RESERVATIONS = "flashsale.order-reservations";

	/**
	 * An order's life after it is persisted, keyed by order id: {@code OrderPlaced},
	 * {@code OrderPaid}, {@code OrderCancelled} and {@code PaymentRejected}. Readers skip
	 * the types they do not handle.
	 */
	public static final String ORDERS = "flashsale.orders";

	/**
	 * A payment's outcomes, keyed by order id (so one order's payments stay in order):
	 * {@code PaymentSucceeded} and {@code PaymentRefunded}.
	 */
	public static final String PAYMENTS = "flashsale.payments";

	/**
	 * {@code CouponClaimed}, keyed by coupon id: a coupon claim's hand-off to the coupon
	 * writer, as {@link #ORDER_RESERVATIONS} is the purchase's.
	 */
	public static final String COUPON_CLAIMS = "flashsale.coupon-claims";

	/** What a dead-letter topic's name adds to the topic its records came from. */
	public static final String DEAD_LETTER_SUFFIX = ".DLT";

	/**
	 * The dead-letter topic for records of {@code topic} that could not be processed;
	 * each carries the reason in its headers.
	 */
	public static String deadLetter(String topic) {
		return topic + DEAD_LETTER_SUFFIX;
	}

	private Topics() {
	}

}
