package io.flashsale.inventory.warmup;

import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.inventory.InventoryProperties;
import io.flashsale.inventory.allocation.FlashSaleNotFound;
import io.flashsale.inventory.allocation.FlashSaleStock;
import io.flashsale.inventory.allocation.FlashSaleStocks;
import io.flashsale.stock.StockCounters;

import org.springframework.stereotype.Service;

/**
 * Creates a sale's Redis stock counters with its whole allocation.
 *
 * <p>
 * Counters are created once. The scheduled warmer never touches a sale whose
 * {@code warmed_at} is set or that has an applied order: if Redis lost a live sale's
 * keys, recreating stock = allocated would sell again what was already sold, so such a
 * sale stays paused (order-service fails closed on missing counters) until the counters
 * are rebuilt from the database. {@link StockCounters#warm} never overwrites an existing
 * counter either, so two instances warming at once are harmless.
 */
@Service
class StockWarmer {

	private static final Logger log = LoggerFactory.getLogger(StockWarmer.class);

	private final FlashSaleStocks stocks;

	private final StockCounters counters;

	private final InventoryProperties.WarmUp properties;

	StockWarmer(FlashSaleStocks stocks, StockCounters counters, InventoryProperties properties) {
		this.stocks = stocks;
		this.counters = counters;
		this.properties = properties.warmUp();
	}

	/**
	 * Warms the sales due: window known, never warmed, no order applied, not over, and
	 * starting within the lead time. One failing sale does not hold up the others; it is
	 * tried again on the next run.
	 * @return how many sales this run warmed
	 */
	int warmDueSales() {
		Instant now = Instant.now();
		List<FlashSaleStock> due = this.stocks.dueForWarmUp(now, now.plus(this.properties.lead()),
				this.properties.batchSize());
		int warmed = 0;
		for (FlashSaleStock sale : due) {
			try {
				// Counters first, then the mark: if marking fails the next run finds the
				// counters live and only marks.
				boolean created = this.counters.warm(sale.counters());
				this.stocks.markWarmed(sale.flashSaleId(), now);
				if (created) {
					warmed++;
					log.info("Warmed flash sale {} with {} units, starting {}", sale.flashSaleId(), sale.allocated(),
							sale.startsAt());
				}
			}
			catch (RuntimeException ex) {
				log.warn("Could not warm flash sale {}; retrying on the next run", sale.flashSaleId(), ex);
			}
		}
		return warmed;
	}

	/**
	 * Warms one sale now, whatever its start. Counters that exist are left as they are
	 * (their window and limit are refreshed from the database). Missing counters are
	 * created only while no order was applied; after that they must be rebuilt, not
	 * warmed.
	 * @throws FlashSaleNotFound if no stock is allocated to the sale
	 * @throws SaleNotScheduled if its window is not known yet
	 * @throws CountersLiveOrUsed if its counters are gone after orders were applied
	 */
	WarmUpResult warmUp(long flashSaleId) {
		FlashSaleStock sale = this.stocks.find(flashSaleId).orElseThrow(() -> new FlashSaleNotFound(flashSaleId));
		if (!sale.scheduled()) {
			throw new SaleNotScheduled(flashSaleId);
		}
		if (sale.ordersApplied() > 0 && this.counters.remaining(flashSaleId) < 0) {
			throw new CountersLiveOrUsed(flashSaleId, sale.ordersApplied());
		}
		boolean created = this.counters.warm(sale.counters());
		this.stocks.markWarmed(flashSaleId, Instant.now());
		if (created) {
			log.info("Warmed flash sale {} with {} units on request", flashSaleId, sale.allocated());
		}
		return new WarmUpResult(flashSaleId, created, this.counters.remaining(flashSaleId));
	}

}
