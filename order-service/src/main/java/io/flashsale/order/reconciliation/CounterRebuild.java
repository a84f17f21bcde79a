package io.flashsale.order.reconciliation;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.order.catalog.FlashSale;
import io.flashsale.order.catalog.SoldOutMemory;
import io.flashsale.order.orders.Orders;
import io.flashsale.platform.problem.ApiProblem;
import io.flashsale.stock.Reservation;
import io.flashsale.stock.SaleCounters;
import io.flashsale.stock.StockCounters;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Ends the pause of a sale whose Redis counters were lost: rebuilds them from the orders
 * of record, never from a guess. Each order holding stock becomes a claimed reservation;
 * the rest of the initial stock is for sale again. Run it once the order writer has
 * drained, so that every order it claimed before the loss is written.
 */
@Service
class CounterRebuild {

	private static final Logger logger = LoggerFactory.getLogger(CounterRebuild.class);

	private final Orders orders;

	private final StockCounters counters;

	private final SoldOutMemory soldOut;

	CounterRebuild(Orders orders, StockCounters counters, SoldOutMemory soldOut) {
		this.orders = orders;
		this.counters = counters;
		this.soldOut = soldOut;
	}

	Rebuilt rebuild(FlashSale sale) {
		List<Reservation> holding = this.orders.holdingStock(sale.id())
			.stream()
			.map((order) -> new Reservation(order.id(), Reservation.State.CONFIRMED, order.userId(), order.quantity(),
					order.createdAt()))
			.toList();
		long remaining = this.counters
			.rebuild(new SaleCounters(sale.id(), sale.stock(), sale.startsAt(), sale.endsAt(), sale.perUserLimit()),
					holding)
			.orElseThrow(() -> new CountersLive(sale.id()));
		logger.warn("Rebuilt the Redis counters of flash sale {} from {} orders: {} units left", sale.id(),
				holding.size(), remaining);
		if (remaining > 0) {
			this.soldOut.restocked(sale.id(), remaining);
		}
		return new Rebuilt(sale.id(), holding.size(), remaining);
	}

	/**
	 * @param flashSaleId the sale
	 * @param orders orders that hold stock and became claimed reservations
	 * @param remaining units for sale again
	 */
	record Rebuilt(long flashSaleId, int orders, long remaining) {

	}

	static class CountersLive extends ApiProblem {

		CountersLive(long flashSaleId) {
			super(HttpStatus.CONFLICT, "counters-live", "Counters are live",
					"Flash sale " + flashSaleId + " has its Redis counters; only lost counters are rebuilt.");
		}

	}

}
