package io.flashsale.order.cancellation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.contracts.order.OrderCancelled;
import io.flashsale.order.OrderProperties;
import io.flashsale.order.orders.OrderLifecycle;

import org.springframework.stereotype.Component;

/**
 * Cancels orders as their deadlines come due on the delayed-cancel queue. The claim takes
 * each due order off the queue atomically, so of several instances exactly one cancels
 * it; the cancellation itself is the conditional update, so a payment that commits first
 * simply wins. An order whose cancellation fails goes back on the queue; an instance that
 * dies after its claim leaves the order to the database sweep.
 */
@Component
class DeadlineQueuePoller {

	private static final Logger logger = LoggerFactory.getLogger(DeadlineQueuePoller.class);

	private final PayDeadlines deadlines;

	private final OrderLifecycle lifecycle;

	private final Clock clock;

	private final OrderProperties properties;

	DeadlineQueuePoller(PayDeadlines deadlines, OrderLifecycle lifecycle, Clock clock, OrderProperties properties) {
		this.deadlines = deadlines;
		this.lifecycle = lifecycle;
		this.clock = clock;
		this.properties = properties;
	}

	/**
	 * @return how many orders were claimed
	 */
	int poll() {
		int batch = this.properties.deadlineClaimBatch();
		int claimedTotal = 0;
		List<String> claimed;
		do {
			Instant now = this.clock.instant();
			claimed = this.deadlines.claimDue(now, batch);
			claimedTotal += claimed.size();
			for (int i = 0; i < claimed.size(); i++) {
				String orderId = claimed.get(i);
				try {
					this.lifecycle.cancel(orderId, OrderCancelled.EXPIRED);
				}
				catch (RuntimeException ex) {
					// Put this and the rest back; the next poll retries them.
					for (String unhandled : claimed.subList(i, claimed.size())) {
						this.deadlines.reschedule(unhandled, now);
					}
					logger.warn("Cancelling overdue order {} failed; it stays queued", orderId, ex);
					return claimedTotal;
				}
			}
		}
		while (claimed.size() == batch);
		return claimedTotal;
	}

}
