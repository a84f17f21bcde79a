package io.flashsale.order.reconciliation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.order.catalog.FlashSale;
import io.flashsale.order.catalog.FlashSales;
import io.flashsale.platform.degrade.LiveSwitches;
import io.flashsale.platform.problem.ApiProblem;
import io.flashsale.stock.StockCounters;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Brings back, by itself, a sale whose Redis counters are gone (Redis restarted without
 * its data): notes when each started sale was first seen without counters, and rebuilds
 * it from the orders of record once the writer has drained ({@link CounterRebuild}). The
 * switch {@code flashsale.switches.counter-auto-rebuild} off keeps it manual: the sale
 * stays paused and is exported in {@code flashsale.counters.lost} until an admin
 * rebuilds.
 */
@Component
class CounterRecovery {

	private static final Logger logger = LoggerFactory.getLogger(CounterRecovery.class);

	/** Sales over for longer than this are left alone: nothing sells there any more. */
	private static final Duration RECENT = Duration.ofDays(1);

	private final FlashSales sales;

	private final StockCounters counters;

	private final CounterRebuild rebuild;

	private final LiveSwitches switches;

	private final Clock clock;

	private final Map<Long, Instant> lostSince = new ConcurrentHashMap<>();

	CounterRecovery(FlashSales sales, StockCounters counters, CounterRebuild rebuild, LiveSwitches switches,
			Clock clock, MeterRegistry meters) {
		this.sales = sales;
		this.counters = counters;
		this.rebuild = rebuild;
		this.switches = switches;
		this.clock = clock;
		Gauge.builder("flashsale.counters.lost", this.lostSince, Map::size)
			.description("Started sales whose Redis counters are gone (paused) at the last look")
			.register(meters);
	}

	@Scheduled(fixedDelayString = "${flashsale.order.recovery-interval:5s}",
			initialDelayString = "${flashsale.order.recovery-interval:5s}")
	void recover() {
		Instant now = this.clock.instant();
		for (FlashSale sale : this.sales.all()) {
			if (now.isBefore(sale.startsAt()) || sale.endsAt().isBefore(now.minus(RECENT))) {
				continue;
			}
			try {
				recover(sale, now);
			}
			catch (RuntimeException ex) {
				logger.warn("Recovering the counters of flash sale {} failed; next run retries", sale.id(), ex);
			}
		}
	}

	private void recover(FlashSale sale, Instant now) {
		if (this.counters.hasCounters(sale.id())) {
			this.lostSince.remove(sale.id());
			return;
		}
		Instant since = this.lostSince.computeIfAbsent(sale.id(), (id) -> {
			logger.error("Flash sale {} has lost its Redis counters; purchases answer sale-paused", id);
			return now;
		});
		if (!this.switches.counterAutoRebuild()) {
			return;
		}
		try {
			this.rebuild.rebuild(sale, since, "auto");
			this.lostSince.remove(sale.id());
		}
		catch (ApiProblem notYet) {
			// counters-live (another instance rebuilt first) or writer-behind: look
			// again.
			logger.info("Flash sale {} not rebuilt yet: {}", sale.id(), notYet.getMessage());
		}
	}

}
