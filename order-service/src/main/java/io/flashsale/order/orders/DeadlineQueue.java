package io.flashsale.order.orders;

/**
 * The delayed-cancel queue as the lifecycle sees it: an order leaves it once it is paid
 * or cancelled. The queue itself is {@code cancellation.PayDeadlines}; this interface
 * lets the aggregate's package stay free of the package that cancels orders.
 */
public interface DeadlineQueue {

	/** Takes the order off the queue; an order that is not queued is left alone. */
	void remove(String orderId);

}
