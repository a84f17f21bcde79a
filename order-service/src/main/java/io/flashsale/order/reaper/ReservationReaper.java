package io.flashsale.order.reaper;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.order.OrderProperties;
import io.flashsale.order.catalog.FlashSale;
import io.flashsale.order.catalog.FlashSales;
import io.flashsale.order.catalog.SoldOutMemory;
import io.flashsale.stock.StockCounters;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gives back stock a purchase reserved but never handed to the order writer: the process
 * died between the Lua call and the Kafka send, or the send's outcome never came back.
 *
 * <p>
 * Only reservations older than the grace period and still unclaimed are released; the
 * release script re-checks the state atomically, so several instances may run this at
 * once and a reservation the writer claims meanwhile is left alone.
 */
@Component
class ReservationReaper {

	private static final Logger logger = LoggerFactory.getLogger(ReservationReaper.class);

	private static final int BATCH = 500;

	private final FlashSales sales;

	private final StockCounters counters;

	private final SoldOutMemory soldOut;

	private final Clock clock;

	private final OrderProperties properties;

	private final Counter released;

	ReservationReaper(FlashSales sales, StockCounters counters, SoldOutMemory soldOut, Clock clock,
			OrderProperties properties, MeterRegistry meters) {
		this.sales = sales;
		this.counters = counters;
		this.soldOut = soldOut;
		this.clock = clock;
		this.properties = properties;
		this.released = meters.counter("flashsale.reservations.released", "reason", "orphaned");
	}

	@Scheduled(fixedDelayString = "${flashsale.order.reaper-interval:10s}",
			initialDelayString = "${flashsale.order.reaper-interval:10s}")
	void reap() {
		Instant cutoff = this.clock.instant().minus(this.properties.reaperGrace());
		for (FlashSale sale : this.sales.all()) {
			try {
				reap(sale, cutoff);
			}
			catch (RuntimeException ex) {
				logger.warn("Reaping flash sale {} failed; next run retries", sale.id(), ex);
			}
		}
	}

	int reap(FlashSale sale, Instant cutoff) {
		int count = 0;
		List<String> orphans = this.counters.unclaimedBefore(sale.id(), cutoff, BATCH);
		for (String orderId : orphans) {
			if (this.counters.release(sale.id(), orderId)) {
				count++;
				logger.warn("Released orphaned reservation {} of flash sale {}", orderId, sale.id());
			}
		}
		if (count > 0) {
			this.released.increment(count);
			this.soldOut.restocked(sale.id(), this.counters.remaining(sale.id()));
		}
		return count;
	}

}
