package io.flashsale.inventory.orders;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.flashsale.contracts.order.OrderPlaced;
import io.flashsale.inventory.allocation.FlashSaleStocks;
import io.flashsale.platform.messaging.ProcessedMessages;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies placed orders to the database stock in one transaction: per order, the
 * processed mark, the {@code order_stock} row (what a cancellation may give back) and the
 * decrement commit together, so a redelivered order is skipped and an applied one is
 * never lost. An order whose cancellation was applied first finds its row there and takes
 * nothing.
 */
@Component
class PlacedOrders {

	/** The consumer name under which orders are marked processed, by order id. */
	static final String CONSUMER = "inventory.order-placed";

	/**
	 * Rows are locked in sale-id order, so two instances applying overlapping batches
	 * cannot deadlock. Applying a batch in another order changes no count.
	 */
	private static final Comparator<OrderPlaced> LOCK_ORDER = Comparator.comparingLong(OrderPlaced::flashSaleId);

	private final ProcessedMessages processed;

	private final FlashSaleStocks stocks;

	private final OrderStocks orderStocks;

	private final TransactionTemplate transactions;

	PlacedOrders(ProcessedMessages processed, FlashSaleStocks stocks, OrderStocks orderStocks,
			TransactionTemplate transactions) {
		this.processed = processed;
		this.stocks = stocks;
		this.orderStocks = orderStocks;
		this.transactions = transactions;
	}

	/**
	 * Applies each order not applied before. The transaction commits whatever the
	 * decrements found, so that a breach is reported once and not redelivered forever.
	 * @param orders valid orders, in any order
	 * @return what happened, known only once committed
	 */
	Outcome apply(List<OrderPlaced> orders) {
		List<OrderPlaced> sorted = orders.stream().sorted(LOCK_ORDER).toList();
		Instant now = Instant.now();
		return this.transactions.execute((status) -> {
			int applied = 0;
			int duplicates = 0;
			List<OrderPlaced> conflicts = new ArrayList<>();
			List<OrderPlaced> cancelledFirst = new ArrayList<>();
			for (OrderPlaced order : sorted) {
				if (this.processed.markProcessed(CONSUMER, order.orderId()) == 0) {
					duplicates++;
				}
				else if (this.orderStocks.insertApplied(order.orderId(), order.flashSaleId(), order.quantity(),
						now) == 0) {
					// Its cancellation came first and gave nothing back; it takes
					// nothing.
					cancelledFirst.add(order);
				}
				else if (this.stocks.applyOrder(order.flashSaleId(), order.quantity()) == 1) {
					applied++;
				}
				else {
					this.orderStocks.delete(order.orderId());
					conflicts.add(order);
				}
			}
			return new Outcome(applied, duplicates, conflicts, cancelledFirst);
		});
	}

	/**
	 * What a batch did.
	 *
	 * @param applied orders taken off their sale's stock
	 * @param duplicates orders applied before, skipped
	 * @param conflicts orders whose sale is unknown or has fewer units left than they
	 * hold: a breach of the stock invariant, marked processed and not applied
	 * @param cancelledFirst orders whose cancellation was applied before them: they take
	 * nothing, as their cancellation gave nothing back
	 */
	record Outcome(int applied, int duplicates, List<OrderPlaced> conflicts, List<OrderPlaced> cancelledFirst) {

	}

}
