package io.flashsale.order.reconciliation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.order.OrderProperties;
import io.flashsale.order.catalog.FlashSale;
import io.flashsale.order.catalog.SoldOutMemory;
import io.flashsale.order.orders.Order;
import io.flashsale.order.orders.Orders;
import io.flashsale.order.writer.WriterBacklog;
import io.flashsale.platform.problem.ApiProblem;
import io.flashsale.stock.AdoptOutcome;
import io.flashsale.stock.Reservation;
import io.flashsale.stock.SaleCounters;
import io.flashsale.stock.StockCounters;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Ends the pause of a sale whose Redis counters were lost: rebuilds them from the orders
 * of record, never from a guess. Each order holding stock becomes a claimed reservation;
 * the rest of the initial stock is for sale again.
 *
 * <p>
 * Every acknowledged purchase must be counted, including those whose records are still in
 * Kafka: their reservations were lost with the counters, and the order writer writes them
 * anyway. So the rebuild first waits until the writer has drained every record that could
 * have been acknowledged before the loss was seen (the send timeout and the hand-off
 * margin after it), and refuses if it does not drain in time. A record that is delivered
 * later still (a producer retrying past its send timeout) finds the rebuilt counters and
 * is adopted there by the writer.
 */
@Service
class CounterRebuild {

	private static final Logger logger = LoggerFactory.getLogger(CounterRebuild.class);

	private final Orders orders;

	private final StockCounters counters;

	private final SoldOutMemory soldOut;

	private final WriterBacklog backlog;

	private final OrderProperties properties;

	private final Clock clock;

	private final MeterRegistry meters;

	CounterRebuild(Orders orders, StockCounters counters, SoldOutMemory soldOut, WriterBacklog backlog,
			OrderProperties properties, Clock clock, MeterRegistry meters) {
		this.orders = orders;
		this.counters = counters;
		this.soldOut = soldOut;
		this.backlog = backlog;
		this.properties = properties;
		this.clock = clock;
		this.meters = meters;
	}

	/**
	 * Rebuilds a sale's lost counters once the writer has drained.
	 * @param sale the sale
	 * @param lostBy the counters were seen missing at this instant (or earlier)
	 * @param trigger {@code admin} or {@code auto}, for the log and the metric
	 * @return what was rebuilt
	 * @throws CountersLive if the counters exist
	 * @throws WriterBehind if the writer did not drain within
	 * {@code flashsale.order.counter-recovery}
	 */
	Rebuilt rebuild(FlashSale sale, Instant lostBy, String trigger) {
		if (this.counters.hasCounters(sale.id())) {
			throw new CountersLive(sale.id());
		}
		Instant drainTarget = lostBy.plus(this.properties.sendTimeout()).plus(this.properties.handOffMargin());
		Instant started = this.clock.instant();
		Duration wait = Duration.between(started, drainTarget).isNegative() ? this.properties.counterRecovery()
				: Duration.between(started, drainTarget).plus(this.properties.counterRecovery());
		if (!this.backlog.awaitDrained(drainTarget, wait)) {
			throw new WriterBehind(sale.id(), this.backlog.lastLag(), this.properties.counterRecovery());
		}
		List<Reservation> holding = this.orders.holdingStock(sale.id())
			.stream()
			.map((order) -> new Reservation(order.id(), Reservation.State.CONFIRMED, order.userId(), order.quantity(),
					order.createdAt()))
			.toList();
		long remaining = this.counters
			.rebuild(new SaleCounters(sale.id(), sale.stock(), sale.startsAt(), sale.endsAt(), sale.perUserLimit()),
					holding)
			.orElseThrow(() -> new CountersLive(sale.id()));
		// Why a second read: until the script above ran, the writer found no counters and
		// wrote a late record's order (one delivered after the drain) trusting the
		// rebuild to count it. If that order was committed after the first read it is not
		// in the list above, so the orders are read again now that the counters exist
		// (from here on the writer adopts by itself). Only ids the first read did not see
		// are adopted: the script wrote the others' reservations, and adopting them would
		// find them and change nothing.
		Set<String> rebuilt = holding.stream().map(Reservation::orderId).collect(Collectors.toSet());
		int late = 0;
		for (Order order : this.orders.holdingStock(sale.id())) {
			if (rebuilt.contains(order.id())) {
				continue;
			}
			AdoptOutcome adopted = this.counters.adopt(sale.id(), order.id(), order.userId(), order.quantity(),
					order.createdAt());
			if (adopted instanceof AdoptOutcome.Adopted taken) {
				late++;
				remaining = taken.remaining();
			}
		}
		if (late > 0) {
			logger.warn("Flash sale {}: {} orders written during the rebuild were adopted", sale.id(), late);
		}
		long waitedMillis = Duration.between(started, this.clock.instant()).toMillis();
		logger.warn("Rebuilt the Redis counters of flash sale {} ({}) from {} orders after the writer drained "
				+ "(waited {} ms): {} units left", sale.id(), trigger, holding.size(), waitedMillis, remaining);
		this.meters.counter("flashsale.counters.rebuilt", "trigger", trigger).increment();
		if (remaining > 0) {
			this.soldOut.restocked(sale.id(), remaining);
		}
		return new Rebuilt(sale.id(), holding.size(), remaining, true, waitedMillis);
	}

	/**
	 * @param flashSaleId the sale
	 * @param orders orders that hold stock and became claimed reservations
	 * @param remaining units for sale again
	 * @param writerDrained always {@code true}: the rebuild ran after the writer had
	 * drained every record acknowledged before the loss, so in-flight orders are counted
	 * @param waitedMillis how long it waited for the writer
	 */
	record Rebuilt(long flashSaleId, int orders, long remaining, boolean writerDrained, long waitedMillis) {

	}

	static class CountersLive extends ApiProblem {

		CountersLive(long flashSaleId) {
			super(HttpStatus.CONFLICT, "counters-live", "Counters are live",
					"Flash sale " + flashSaleId + " has its Redis counters; only lost counters are rebuilt.");
		}

	}

	static class WriterBehind extends ApiProblem {

		private final long lag;

		WriterBehind(long flashSaleId, long lag, Duration waited) {
			super(HttpStatus.SERVICE_UNAVAILABLE, "writer-behind", "Order writer behind",
					"Flash sale " + flashSaleId + " was not rebuilt: the order writer did not drain the acknowledged "
							+ "purchases within " + waited.toSeconds() + " s, and rebuilding now would sell their "
							+ "units again. Nothing changed; retry once it catches up.");
			this.lag = lag;
		}

		@Override
		public Map<String, Object> properties() {
			return Map.of("writerLag", this.lag, "retryAfterSeconds", 10);
		}

	}

}
