package io.flashsale.order.reconciliation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.order.catalog.FlashSale;
import io.flashsale.order.catalog.FlashSales;
import io.flashsale.stock.StockCounters;

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

	private final Map<Long, AtomicInteger> violations = new ConcurrentHashMap<>();

	Reconciler(FlashSales sales, StockCounters counters, Reconciliation reconciliation, MeterRegistry meters) {
		this.sales = sales;
		this.counters = counters;
		this.reconciliation = reconciliation;
		this.meters = meters;
	}

	@Scheduled(fixedDelayString = "${flashsale.order.reconcile-interval:30s}",
			initialDelayString = "${flashsale.order.reconcile-interval:30s}")
	void reconcile() {
		for (FlashSale sale : this.sales.all()) {
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
		gauge(sale.id()).set(report.violations().size());
		if (!report.consistent()) {
			logger.error("Flash sale {} violates stock invariants: {}", sale.id(), report.violations());
		}
	}

	private AtomicInteger gauge(long flashSaleId) {
		return this.violations.computeIfAbsent(flashSaleId, (id) -> {
			AtomicInteger value = new AtomicInteger();
			Gauge.builder("flashsale.reconciliation.violations", value, AtomicInteger::get)
				.tag("flash_sale", String.valueOf(id))
				.register(this.meters);
			return value;
		});
	}

}
