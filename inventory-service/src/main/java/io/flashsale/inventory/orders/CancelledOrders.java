package io.flashsale.inventory.orders;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.flashsale.contracts.order.OrderCancelled;
import io.flashsale.inventory.allocation.FlashSaleStocks;
import io.flashsale.platform.messaging.ProcessedMessages;
import io.flashsale.stock.CancelOutcome;
import io.flashsale.stock.StockCounters;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Returns cancelled orders' units, exactly once, to the two places that took them.
 *
 * <p>
 * The database stock first, in one transaction per batch: per order, the processed mark
 * and the return commit together. The units returned are the ones the order's applied
 * {@code OrderPlaced} took ({@code order_stock}), so an order that was never applied
 * (refused as a conflict, or not arrived yet) returns nothing and is reported as skipped;
 * its row then tells an {@code OrderPlaced} arriving later to take nothing.
 *
 * <p>
 * Then the Redis counters, after the commit, through the idempotent cancel script: a
 * CONFIRMED reservation becomes CANCELLED once, whatever the redeliveries, so it runs for
 * every delivery, and a retry after a Redis failure finishes what the commit started.
 * Each store gives back what it took, so they agree again once both ran. Returning the
 * Redis units last also means no new order can take them before the database has them.
 */
@Component
class CancelledOrders {

	/** The consumer name under which cancellations are marked processed, by order id. */
	static final String CONSUMER = "inventory.order-cancelled";

	/** Rows are locked in sale-id order, as {@link PlacedOrders} does. */
	private static final Comparator<OrderCancelled> LOCK_ORDER = Comparator.comparingLong(OrderCancelled::flashSaleId);

	private final ProcessedMessages processed;

	private final FlashSaleStocks stocks;

	private final OrderStocks orderStocks;

	private final StockCounters counters;

	private final TransactionTemplate transactions;

	CancelledOrders(ProcessedMessages processed, FlashSaleStocks stocks, OrderStocks orderStocks,
			StockCounters counters, TransactionTemplate transactions) {
		this.processed = processed;
		this.stocks = stocks;
		this.orderStocks = orderStocks;
		this.counters = counters;
		this.transactions = transactions;
	}

	/**
	 * Returns each cancelled order's units to the database stock unless done before. The
	 * transaction commits whatever it found, so a skip or a breach is reported once.
	 * @param cancellations valid cancellations, in any order
	 * @return what happened, known only once committed
	 */
	Outcome returnToDatabase(List<OrderCancelled> cancellations) {
		List<OrderCancelled> sorted = cancellations.stream().sorted(LOCK_ORDER).toList();
		Instant now = Instant.now();
		return this.transactions.execute((status) -> {
			int units = 0;
			int returned = 0;
			int duplicates = 0;
			List<Skipped> skipped = new ArrayList<>();
			List<OrderCancelled> conflicts = new ArrayList<>();
			for (OrderCancelled cancelled : sorted) {
				if (this.processed.markProcessed(CONSUMER, cancelled.orderId()) == 0) {
					duplicates++;
					continue;
				}
				Optional<OrderStocks.OrderStock> taken = this.orderStocks.lock(cancelled.orderId());
				if (taken.isEmpty()) {
					// Its OrderPlaced was not applied (yet): give nothing back, and make
					// a
					// late OrderPlaced take nothing either.
					this.orderStocks.insertCancelledFirst(cancelled.orderId(), cancelled.flashSaleId(),
							cancelled.quantity(), now);
					skipped.add(new Skipped(cancelled, false));
					continue;
				}
				if (taken.get().returnedAt() != null) {
					skipped.add(new Skipped(cancelled, taken.get().applied()));
					continue;
				}
				OrderStocks.OrderStock order = taken.get();
				if (this.stocks.returnOrder(order.flashSaleId(), order.quantity()) == 1) {
					this.orderStocks.markReturned(order.orderId(), now);
					units += order.quantity();
					returned++;
				}
				else {
					conflicts.add(cancelled);
				}
			}
			return new Outcome(returned, units, duplicates, skipped, conflicts);
		});
	}

	/**
	 * Returns a cancelled order's units to the sale's Redis counters if its reservation
	 * still holds them; safe to repeat.
	 */
	CancelOutcome returnToCounters(OrderCancelled cancelled) {
		return this.counters.cancel(cancelled.flashSaleId(), cancelled.orderId());
	}

	/** Tells every instance the sale has stock again. */
	void announceRestock(long flashSaleId, long remaining) {
		this.counters.announce(flashSaleId, remaining);
	}

	/**
	 * A cancellation that returned nothing to the database.
	 *
	 * @param cancelled the cancellation
	 * @param returnedBefore whether an earlier delivery returned the units (its processed
	 * mark was purged); otherwise its {@code OrderPlaced} was not applied
	 */
	record Skipped(OrderCancelled cancelled, boolean returnedBefore) {
	}

	/**
	 * What a batch did to the database stock.
	 *
	 * @param returned orders whose units went back
	 * @param units the units that went back
	 * @param duplicates cancellations handled before, skipped
	 * @param skipped cancellations with nothing to return
	 * @param conflicts orders whose units would lift the sale's stock above its
	 * allocation: a breach of the stock invariant, marked processed and not returned
	 */
	record Outcome(int returned, int units, int duplicates, List<Skipped> skipped, List<OrderCancelled> conflicts) {

	}

}
