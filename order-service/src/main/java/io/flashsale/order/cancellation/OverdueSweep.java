package io.flashsale.order.cancellation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.contracts.order.OrderCancelled;
import io.flashsale.order.OrderProperties;
import io.flashsale.order.orders.OrderLifecycle;
import io.flashsale.order.orders.Orders;

import org.springframework.stereotype.Component;

/**
 * The safety net behind the delayed-cancel queue: cancels unpaid orders that are past
 * their deadline by more than the grace period, in pages. It finds what the queue lost
 * (an instance died after its claim, the writer died before queueing, Redis was flushed).
 * Every instance may sweep at once: the conditional update lets one cancel each order.
 */
@Component
class OverdueSweep {

	private static final Logger logger = LoggerFactory.getLogger(OverdueSweep.class);

	private final Orders orders;

	private final OrderLifecycle lifecycle;

	private final Clock clock;

	private final OrderProperties properties;

	OverdueSweep(Orders orders, OrderLifecycle lifecycle, Clock clock, OrderProperties properties) {
		this.orders = orders;
		this.lifecycle = lifecycle;
		this.clock = clock;
		this.properties = properties;
	}

	/**
	 * @return how many orders this sweep looked at
	 */
	int sweep() {
		Instant cutoff = this.clock.instant().minus(this.properties.sweepGrace());
		int pageSize = this.properties.sweepPageSize();
		int swept = 0;
		List<String> page;
		do {
			// Each cancelled order leaves the PENDING_PAYMENT set, so the next query
			// starts on fresh rows; a failure ends the run and the next run retries.
			page = this.orders.overdue(cutoff, pageSize);
			for (String orderId : page) {
				this.lifecycle.cancel(orderId, OrderCancelled.EXPIRED);
			}
			swept += page.size();
		}
		while (page.size() == pageSize);
		if (swept > 0) {
			logger.info("Swept {} overdue unpaid orders the delayed-cancel queue had not cancelled", swept);
		}
		return swept;
	}

}
