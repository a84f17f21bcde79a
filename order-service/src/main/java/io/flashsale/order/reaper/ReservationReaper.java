package io.flashsale.order.reaper;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.order.OrderProperties;
import io.flashsale.order.catalog.FlashSale;
import io.flashsale.order.catalog.FlashSales;
import io.flashsale.order.catalog.SoldOutMemory;
import io.flashsale.order.orders.Orders;
import io.flashsale.order.writer.WriterBacklog;
import io.flashsale.stock.StockCounters;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gives back stock a purchase reserved but never handed to the order writer: the process
 * died between the Lua call and the Kafka send, or the send's outcome never came back.
 *
 * <p>
 * A reservation whose record Kafka acknowledged is an accepted order, however long the
 * writer takes to reach it (database down, a batch failing, every instance down), so age
 * alone never releases anything. A reservation is released only when it is older than the
 * grace period <em>and</em> the writer has drained every record acknowledged up to its
 * hand-off deadline ({@link WriterBacklog}): the send timeout, plus a margin for clock
 * skew between instances, after it was taken. Had its record been acknowledged, the
 * writer would have claimed it by then; still unclaimed, its send never succeeded. The
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

	private final WriterBacklog backlog;

	private final Counter released;

	private final Counter waited;

	private final Counter reclaimed;

	private final Orders orders;

	ReservationReaper(FlashSales sales, StockCounters counters, SoldOutMemory soldOut, Clock clock,
			OrderProperties properties, WriterBacklog backlog, Orders orders, MeterRegistry meters) {
		this.sales = sales;
		this.counters = counters;
		this.soldOut = soldOut;
		this.clock = clock;
		this.properties = properties;
		this.backlog = backlog;
		this.orders = orders;
		this.reclaimed = meters.counter("flashsale.reservations.reclaimed");
		this.released = meters.counter("flashsale.reservations.released", "reason", "orphaned");
		this.waited = meters.counter("flashsale.reaper.waits", "reason", "writer-not-drained");
	}

	@Scheduled(fixedDelayString = "${flashsale.order.reaper-interval:10s}",
			initialDelayString = "${flashsale.order.reaper-interval:10s}")
	void reap() {
		Optional<Instant> drained = this.backlog.drainedAsOf();
		if (drained.isEmpty()) {
			// The writer is behind every snapshot, or Kafka cannot be asked: nothing is
			// known to be orphaned.
			this.waited.increment();
			return;
		}
		Instant cutoff = cutoff(this.clock.instant(), drained.get());
		for (FlashSale sale : this.sales.all()) {
			try {
				reap(sale, cutoff);
			}
			catch (RuntimeException ex) {
				logger.warn("Reaping flash sale {} failed; next run retries", sale.id(), ex);
			}
		}
	}

	/**
	 * Reservations taken before this instant may be released: older than the grace
	 * period, and whose hand-off deadline (send timeout plus margin) had passed when the
	 * writer was last known to be drained.
	 */
	Instant cutoff(Instant now, Instant drainedAsOf) {
		Instant byAge = now.minus(this.properties.reaperGrace());
		Instant byHandOff = drainedAsOf.minus(this.properties.sendTimeout()).minus(this.properties.handOffMargin());
		return byAge.isBefore(byHandOff) ? byAge : byHandOff;
	}

	int reap(FlashSale sale, Instant cutoff) {
		int count = 0;
		List<String> orphans = this.counters.unclaimedBefore(sale.id(), cutoff, BATCH);
		if (orphans.isEmpty()) {
			return 0;
		}
		// A reservation whose order is written was claimed, and Redis lost the claim (the
		// last second of its append-only file, or a failover): claim it again, never
		// release it from under its order.
		Set<String> written = new HashSet<>(this.orders.existing(orphans));
		for (String orderId : written) {
			this.counters.confirm(sale.id(), orderId);
			this.reclaimed.increment();
			logger.warn("Reservation {} of flash sale {} had lost its claim; claimed it again for its order", orderId,
					sale.id());
		}
		for (String orderId : orphans) {
			if (written.contains(orderId)) {
				continue;
			}
			if (this.counters.releaseIfHandedOffBefore(sale.id(), orderId, cutoff)) {
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
