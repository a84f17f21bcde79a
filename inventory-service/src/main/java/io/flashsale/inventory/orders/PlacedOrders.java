package io.flashsale.inventory.orders;

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
 * processed mark and the decrement commit together, so a redelivered order is skipped and
 * an applied one is never lost.
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

	private final TransactionTemplate transactions;

	PlacedOrders(ProcessedMessages processed, FlashSaleStocks stocks, TransactionTemplate transactions) {
		this.processed = processed;
		this.stocks = stocks;
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
		return this.transactions.execute((status) -> {
			int applied = 0;
			int duplicates = 0;
			List<OrderPlaced> conflicts = new ArrayList<>();
			for (OrderPlaced order : sorted) {
				if (this.processed.markProcessed(CONSUMER, order.orderId()) == 0) {
					duplicates++;
				}
				else if (this.stocks.applyOrder(order.flashSaleId(), order.quantity()) == 1) {
					applied++;
				}
				else {
					conflicts.add(order);
				}
			}
			return new Outcome(applied, duplicates, conflicts);
		});
	}

	/**
	 * What a batch did.
	 *
	 * @param applied orders taken off their sale's stock
	 * @param duplicates orders applied before, skipped
	 * @param conflicts orders whose sale is unknown or has fewer units left than they
	 * hold: a breach of the stock invariant, marked processed and not applied
	 */
	record Outcome(int applied, int duplicates, List<OrderPlaced> conflicts) {

	}

}
