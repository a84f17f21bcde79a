package io.flashsale.inventory.orders;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.contracts.order.OrderPlaced;
import io.flashsale.inventory.allocation.FlashSaleStocks;
import io.flashsale.platform.messaging.ProcessedMessages;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies placed orders to the database stock in one transaction: per order, the
 * processed mark, the {@code order_stock} row (what a cancellation may give back) and the
 * decrement commit together, so a redelivered order is skipped and an applied one is
 * never lost. An order whose cancellation was applied first finds its row there and takes
 * nothing.
 *
 * <p>
 * An order the sale's stock cannot cover is a breach of the stock invariant: it is logged
 * at ERROR and counted ({@code flashsale.inventory.stock.conflicts}), and its processed
 * mark still commits. Applied orders are counted as
 * {@code flashsale.inventory.orders.applied}.
 */
@Component
class PlacedOrders {

	private static final Logger log = LoggerFactory.getLogger(PlacedOrders.class);

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

	private final Counter applied;

	private final Counter conflicts;

	PlacedOrders(ProcessedMessages processed, FlashSaleStocks stocks, OrderStocks orderStocks,
			TransactionTemplate transactions, MeterRegistry meters) {
		this.processed = processed;
		this.stocks = stocks;
		this.orderStocks = orderStocks;
		this.transactions = transactions;
		this.applied = Counter.builder("flashsale.inventory.orders.applied")
			.description("Placed orders taken off their sale's database stock")
			.register(meters);
		this.conflicts = Counter.builder("flashsale.inventory.stock.conflicts")
			.description("Orders the sale's database stock could not take or take back (invariant breach)")
			.register(meters);
	}

	/**
	 * Applies each order not applied before, all in one transaction, and reports what
	 * happened. Should the database refuse the batch, the orders are applied one by one
	 * so that only the one it refuses is left out: a refusal is not transient, and
	 * retrying the batch would never end.
	 * @param orders valid orders, in any order
	 * @return the orders the database refused, not applied
	 */
	List<Refused<OrderPlaced>> apply(List<OrderPlaced> orders) {
		try {
			report(applyTogether(orders));
			return List.of();
		}
		catch (DataIntegrityViolationException ex) {
			Outcome total = Outcome.NONE;
			List<Refused<OrderPlaced>> refused = new ArrayList<>();
			for (OrderPlaced order : orders) {
				try {
					total = total.plus(applyTogether(List.of(order)));
				}
				catch (DataIntegrityViolationException refusal) {
					refused.add(new Refused<>(order, refusal));
				}
			}
			report(total);
			return refused;
		}
	}

	/**
	 * Applies each order not applied before. The transaction commits whatever the
	 * decrements found, so that a breach is reported once and not redelivered forever.
	 * @param orders valid orders, in any order
	 * @return what happened, known only once committed
	 */
	private Outcome applyTogether(List<OrderPlaced> orders) {
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

	private void report(Outcome outcome) {
		this.applied.increment(outcome.applied());
		for (OrderPlaced order : outcome.conflicts()) {
			this.conflicts.increment();
			log.error(
					"Stock conflict: order {} holds {} units of flash sale {} but its database stock cannot cover "
							+ "them (unknown sale or too few units left); marked processed, not applied",
					order.orderId(), order.quantity(), order.flashSaleId());
		}
		for (OrderPlaced order : outcome.cancelledFirst()) {
			log.warn("Order {} of flash sale {} was placed after its cancellation was applied; it takes no stock",
					order.orderId(), order.flashSaleId());
		}
		if (outcome.duplicates() > 0) {
			log.debug("Skipped {} redelivered orders", outcome.duplicates());
		}
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
	private record Outcome(int applied, int duplicates, List<OrderPlaced> conflicts, List<OrderPlaced> cancelledFirst) {

		static final Outcome NONE = new Outcome(0, 0, List.of(), List.of());

		Outcome plus(Outcome other) {
			return new Outcome(this.applied + other.applied, this.duplicates + other.duplicates,
					concat(this.conflicts, other.conflicts), concat(this.cancelledFirst, other.cancelledFirst));
		}

		private static <T> List<T> concat(List<T> first, List<T> second) {
			List<T> all = new ArrayList<>(first);
			all.addAll(second);
			return all;
		}

	}

}
