package io.flashsale.inventory.orders;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

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
 * Applies placed orders to the database stock in one transaction per batch, with a
 * handful of statements whatever its size: per order, the processed mark, the
 * {@code order_stock} row (what a cancellation may give back) and its part of its sale's
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
	 * Rows are locked in one order, so two instances applying overlapping batches cannot
	 * deadlock: the processed marks, then the {@code order_stock} rows, each by sale id
	 * and order id, then the sales' stock rows by sale id.
	 */
	private static final Comparator<OrderPlaced> LOCK_ORDER = Comparator.comparingLong(OrderPlaced::flashSaleId)
		.thenComparing(OrderPlaced::orderId);

	/**
	 * Within a sale, orders take their units in batch order (a stable sort), which
	 * decides which of them fit when the stock cannot cover them all.
	 */
	private static final Comparator<OrderPlaced> BY_SALE = Comparator.comparingLong(OrderPlaced::flashSaleId);

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
	 *
	 * <p>
	 * A batch costs a handful of statements, whatever its size: a read and an insert of
	 * the processed marks, a read and an insert of the {@code order_stock} rows, and one
	 * guarded decrement per sale for its orders together. Only a sale whose stock cannot
	 * cover them all (a breach) takes one decrement per order, so that exactly the orders
	 * that fit are applied, in batch order, and one delete drops the others' rows.
	 *
	 * <p>
	 * Two deliveries of an order applied concurrently (a redelivery, or two instances
	 * after a rebalance) never both decrement: the processed mark's primary key decides,
	 * as with one statement per order. The reads are plain snapshot reads and only spare
	 * the inserts the rows known to be there; a mark another transaction committed since,
	 * or holds uncommitted (the insert waits for it), fails the insert, which is then
	 * repeated one mark at a time within this transaction. An order's decrement commits
	 * with its mark, and only in the transaction whose insert of that mark succeeded.
	 * @param orders valid orders, in any order
	 * @return what happened, known only once committed
	 */
	private Outcome applyTogether(List<OrderPlaced> orders) {
		List<OrderPlaced> sorted = orders.stream().sorted(BY_SALE).toList();
		Instant now = Instant.now();
		return this.transactions.execute((status) -> {
			// The first delivery of an order in the batch is the one applied.
			Map<String, OrderPlaced> unique = new LinkedHashMap<>();
			sorted.forEach((order) -> unique.putIfAbsent(order.orderId(), order));
			List<OrderPlaced> lockOrder = unique.values().stream().sorted(LOCK_ORDER).toList();
			Set<String> marked = new HashSet<>(
					this.processed.markAllProcessed(CONSUMER, lockOrder.stream().map(OrderPlaced::orderId).toList()));
			int duplicates = orders.size() - marked.size();
			List<OrderPlaced> toRecord = lockOrder.stream()
				.filter((order) -> marked.contains(order.orderId()))
				.toList();
			Set<String> recorded = new HashSet<>();
			this.orderStocks.insertAllApplied(toRecord, now).forEach((order) -> recorded.add(order.orderId()));
			List<OrderPlaced> cancelledFirst = new ArrayList<>();
			Map<Long, List<OrderPlaced>> bySale = new TreeMap<>();
			for (OrderPlaced order : unique.values()) {
				if (!marked.contains(order.orderId())) {
					continue;
				}
				if (recorded.contains(order.orderId())) {
					bySale.computeIfAbsent(order.flashSaleId(), (sale) -> new ArrayList<>()).add(order);
				}
				else {
					// Its cancellation came first and gave nothing back; it takes
					// nothing.
					cancelledFirst.add(order);
				}
			}
			int applied = 0;
			List<OrderPlaced> conflicts = new ArrayList<>();
			for (List<OrderPlaced> saleOrders : bySale.values()) {
				applied += take(saleOrders, conflicts);
			}
			if (!conflicts.isEmpty()) {
				this.orderStocks.deleteAll(conflicts.stream().map(OrderPlaced::orderId).toList());
			}
			return new Outcome(applied, duplicates, conflicts, cancelledFirst);
		});
	}

	/**
	 * Takes one sale's orders off its stock: all together in one guarded decrement, or,
	 * when its stock cannot cover them all, one by one in batch order.
	 * @param orders orders of one sale, in batch order
	 * @param conflicts where the orders that do not fit are added
	 * @return how many orders took their units
	 */
	private int take(List<OrderPlaced> orders, List<OrderPlaced> conflicts) {
		long flashSaleId = orders.get(0).flashSaleId();
		long units = orders.stream().mapToLong(OrderPlaced::quantity).sum();
		if (this.stocks.applyOrders(flashSaleId, units, orders.size()) == 1) {
			return orders.size();
		}
		if (orders.size() == 1) {
			conflicts.add(orders.get(0));
			return 0;
		}
		int applied = 0;
		for (OrderPlaced order : orders) {
			if (this.stocks.applyOrder(flashSaleId, order.quantity()) == 1) {
				applied++;
			}
			else {
				conflicts.add(order);
			}
		}
		return applied;
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
