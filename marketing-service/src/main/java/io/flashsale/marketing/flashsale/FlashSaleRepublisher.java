package io.flashsale.marketing.flashsale;

import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Heals lost {@code FlashSaleScheduled} records: each round publishes every scheduled
 * sale that has not ended. Consumers treat a repeat as the same campaign data, so a round
 * that re-sends what already arrived does no harm; every instance runs its own rounds for
 * the same reason.
 */
@Component
class FlashSaleRepublisher {

	private static final Logger log = LoggerFactory.getLogger(FlashSaleRepublisher.class);

	private final FlashSales sales;

	private final FlashSalePublisher publisher;

	private final Clock clock;

	FlashSaleRepublisher(FlashSales sales, FlashSalePublisher publisher, Clock clock) {
		this.sales = sales;
		this.publisher = publisher;
		this.clock = clock;
	}

	/**
	 * One round; never throws, so the schedule keeps running.
	 * @return how many sales the broker acknowledged
	 */
	int republish() {
		try {
			List<FlashSale> upcoming = this.sales.findAllUpcoming(this.clock.instant());
			int acknowledged = this.publisher.publishAll(upcoming);
			log.debug("Republished {} of {} scheduled flash sales", acknowledged, upcoming.size());
			return acknowledged;
		}
		catch (RuntimeException ex) {
			log.warn("Republishing flash sales failed; the next round retries", ex);
			return 0;
		}
	}

}
