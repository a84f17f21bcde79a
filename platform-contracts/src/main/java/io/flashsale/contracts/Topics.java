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

	/** {@code OrderPlaced}, keyed by order id: an order persisted as PENDING_PAYMENT. */
	public static final String ORDERS = "flashsale.orders";

	private Topics() {
	}

}
