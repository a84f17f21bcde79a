package io.flashsale.order.reconciliation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.order.catalog.FlashSale;
import io.flashsale.order.catalog.FlashSales;
import io.flashsale.stock.StockCounters;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Repairs what it can prove and exports the rest. The Redis stock counter is provably
 * {@code initial - units held by live reservations}, because every purchase and release
 * changes both in one script; the repair recomputes it in one script too, so it is safe
 * mid-sale. Anything else (orders without reservations, users over the limit) needs a
 * human and is exported as {@code flashsale.reconciliation.violations}.
 */
@Component
class Reconciler {

	private static final Logger logger = LoggerFactory.getLogger(Reconciler.class);

	private final FlashSales sales;

	private final StockCounters counters;

	private final Reconciliation reconciliation;

	private final MeterRegistry meters;

	private final Map<Long, SaleGauges> gauges = new ConcurrentHashMap<>();

	private final Clock clock;

	private final Duration watchAfterEnd;

	Reconciler(FlashSales sales, StockCounters counters, Reconciliation reconciliation, MeterRegistry meters,
			Clock clock, @Value("${flashsale.order.reconcile-after-end:1h}") Duration watchAfterEnd) {
		this.sales = sales;
		this.counters = counters;
		this.reconciliation = reconciliation;
		this.meters = meters;
		this.clock = clock;
		this.watchAfterEnd = watchAfterEnd;
	}

	@Scheduled(fixedDelayString = "${flashsale.order.reconcile-interval:30s}",
			initialDelayString = "${flashsale.order.reconcile-interval:30s}")
	void reconcile() {
		Instant now = this.clock.instant();
		for (FlashSale sale : this.sales.all()) {
			if (!watched(sale, now)) {
				// A sale long over (its last orders paid or cancelled, their units back)
				// leaves no gauge behind.
				forget(sale.id());
				continue;
			}
			try {
				reconcile(sale);
			}
			catch (RuntimeException ex) {
				logger.warn("Reconciling flash sale {} failed; next run retries", sale.id(), ex);
			}
		}
	}

	void reconcile(FlashSale sale) {
		StockCounters.Repair repair = this.counters.repair(sale.id());
		if (repair.before() >= 0 && repair.drift() != 0) {
			logger.error("Repaired Redis stock of flash sale {} from {} to {}", sale.id(), repair.before(),
					repair.after());
			this.meters.counter("flashsale.reconciliation.repairs", "kind", "redis-stock").increment();
		}
		ReconciliationReport report = this.reconciliation.check(sale, null, null);
		SaleGauges gauges = this.gauges.computeIfAbsent(sale.id(), this::register);
		gauges.violations().set(report.violations().size());
		gauges.remaining().set(report.redisRemaining());
		if (!report.consistent()) {
			logger.error("Flash sale {} violates stock invariants: {}", sale.id(), report.violations());
		}
	}

	/**
	 * Watched until its last possible order settled: the end, plus the pay timeout, plus
	 * {@code flashsale.order.reconcile-after-end} for cancelled units to come back.
	 */
	private boolean watched(FlashSale sale, Instant now) {
		return sale.endsAt() == null || now.isBefore(sale.endsAt().plus(sale.payTimeout()).plus(this.watchAfterEnd));
	}

	private SaleGauges register(long flashSaleId) {
		AtomicInteger violations = new AtomicInteger();
		AtomicLong remaining = new AtomicLong();
		String sale = String.valueOf(flashSaleId);
		Gauge violationsGauge = Gauge.builder("flashsale.reconciliation.violations", violations, AtomicInteger::get)
			.description("Stock invariants a flash sale violates (docs/runbook.md, ReconciliationViolation)")
			.tag("flash_sale", sale)
			.register(this.meters);
		Gauge remainingGauge = Gauge.builder("flashsale.sale.stock.remaining", remaining, AtomicLong::get)
			.description("Units a flash sale has left in Redis, as the last reconciliation read them "
					+ "(-1: counters missing)")
			.tag("flash_sale", sale)
			.register(this.meters);
		return new SaleGauges(violations, remaining, List.of(violationsGauge, remainingGauge));
	}

	private void forget(long flashSaleId) {
		SaleGauges gone = this.gauges.remove(flashSaleId);
		if (gone != null) {
			gone.meters().forEach(this.meters::remove);
		}
	}

	/** The gauges of one watched sale. */
	private record SaleGauges(AtomicInteger violations, AtomicLong remaining, List<Meter> meters) {
	}

}
