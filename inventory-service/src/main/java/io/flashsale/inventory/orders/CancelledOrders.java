package io.flashsale.inventory.orders;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.contracts.order.OrderCancelled;
import io.flashsale.inventory.allocation.FlashSaleStocks;
import io.flashsale.platform.messaging.ProcessedMessages;
import io.flashsale.stock.CancelOutcome;
import io.flashsale.stock.Reservation;
import io.flashsale.stock.StockCounters;

import org.springframework.dao.DataIntegrityViolationException;
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
 *
 * <p>
 * Units given back are counted per store ({@code flashsale.inventory.stock.returned}), a
 * cancellation whose order was never applied as
 * {@code flashsale.inventory.cancel.skipped}, and a return that would lift the sale's
 * stock above its allocation, a breach of the stock invariant, is logged at ERROR and
 * counted ({@code flashsale.inventory.stock.conflicts}); its processed mark still
 * commits.
 */
@Component
class CancelledOrders {

	private static final Logger log = LoggerFactory.getLogger(CancelledOrders.class);

	/** The consumer name under which cancellations are marked processed, by order id. */
	static final String CONSUMER = "inventory.order-cancelled";

	/** Rows are locked in sale-id order, as {@link PlacedOrders} does. */
	private static final Comparator<OrderCancelled> LOCK_ORDER = Comparator.comparingLong(OrderCancelled::flashSaleId);

	private final ProcessedMessages processed;

	private final FlashSaleStocks stocks;

	private final OrderStocks orderStocks;

	private final StockCounters counters;

	private final TransactionTemplate transactions;

	private final Counter returnedToDatabase;

	private final Counter returnedToRedis;

	private final Counter skipped;

	private final Counter conflicts;

	CancelledOrders(ProcessedMessages processed, FlashSaleStocks stocks, OrderStocks orderStocks,
			StockCounters counters, TransactionTemplate transactions, MeterRegistry meters) {
		this.processed = processed;
		this.stocks = stocks;
		this.orderStocks = orderStocks;
		this.counters = counters;
		this.transactions = transactions;
		this.returnedToDatabase = Counter.builder("flashsale.inventory.stock.returned")
			.description("Units of cancelled orders given back")
			.baseUnit("units")
			.tag("store", "database")
			.register(meters);
		this.returnedToRedis = Counter.builder("flashsale.inventory.stock.returned")
			.description("Units of cancelled orders given back")
			.baseUnit("units")
			.tag("store", "redis")
			.register(meters);
		this.skipped = Counter.builder("flashsale.inventory.cancel.skipped")
			.description("Cancelled orders whose OrderPlaced was never applied: nothing to give back")
			.register(meters);
		this.conflicts = Counter.builder("flashsale.inventory.stock.conflicts")
			.description("Orders the sale's database stock could not take or take back (invariant breach)")
			.register(meters);
	}

	/**
	 * Returns each cancelled order's units to the database stock unless done before, all
	 * in one transaction, and reports what happened. Should the database refuse the
	 * batch, the cancellations are returned one by one so that only the one it refuses is
	 * left out: a refusal is not transient, and retrying the batch would never end.
	 * @param cancellations valid cancellations, in any order
	 * @return the cancellations the database refused: nothing returned, to either store
	 */
	List<Refused<OrderCancelled>> returnToDatabase(List<OrderCancelled> cancellations) {
		try {
			report(returnTogether(cancellations));
			return List.of();
		}
		catch (DataIntegrityViolationException ex) {
			Outcome total = Outcome.NONE;
			List<Refused<OrderCancelled>> refused = new ArrayList<>();
			for (OrderCancelled cancelled : cancellations) {
				try {
					total = total.plus(returnTogether(List.of(cancelled)));
				}
				catch (DataIntegrityViolationException refusal) {
					refused.add(new Refused<>(cancelled, refusal));
				}
			}
			report(total);
			return refused;
		}
	}

	/**
	 * Returns each cancelled order's units to the database stock unless done before. The
	 * transaction commits whatever it found, so a skip or a breach is reported once.
	 * @param cancellations valid cancellations, in any order
	 * @return what happened, known only once committed
	 */
	private Outcome returnTogether(List<OrderCancelled> cancellations) {
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
	 * Returns cancelled orders' units to the sale's Redis counters where their
	 * reservations still hold them, after the database part committed, and tells every
	 * instance when that ends a sell-out. Safe to repeat, so it runs for every delivery:
	 * the script is idempotent by the reservation's state.
	 * @param cancellations cancellations whose database part committed
	 */
	void returnToCounters(List<OrderCancelled> cancellations) {
		for (OrderCancelled cancelled : cancellations) {
			CancelOutcome outcome = this.counters.cancel(cancelled.flashSaleId(), cancelled.orderId());
			switch (outcome) {
				case CancelOutcome.Cancelled returned -> {
					this.returnedToRedis.increment(returned.quantity());
					if (returned.restocked()) {
						this.counters.announce(cancelled.flashSaleId(), returned.remaining());
					}
				}
				case CancelOutcome.Unchanged unchanged -> {
					if (unchanged.state() != Reservation.State.CANCELLED) {
						log.warn("Order {} of flash sale {} was cancelled but its reservation is {}; Redis unchanged",
								cancelled.orderId(), cancelled.flashSaleId(), unchanged.state());
					}
				}
				case CancelOutcome.Missing missing ->
					log.info("Order {} of flash sale {} was cancelled but has no reservation (counters rebuilt without "
							+ "it?); Redis unchanged", cancelled.orderId(), cancelled.flashSaleId());
				case CancelOutcome.NotWarmed notWarmed -> log.warn(
						"Order {} of flash sale {} was cancelled while the sale's stock counter is missing; the "
								+ "rebuild from the orders of record leaves it out",
						cancelled.orderId(), cancelled.flashSaleId());
			}
		}
	}

	private void report(Outcome outcome) {
		this.returnedToDatabase.increment(outcome.units());
		for (Skipped skip : outcome.skipped()) {
			OrderCancelled cancelled = skip.cancelled();
			if (skip.returnedBefore()) {
				log.info("Order {} of flash sale {}: its units were returned before", cancelled.orderId(),
						cancelled.flashSaleId());
			}
			else {
				this.skipped.increment();
				log.warn(
						"Order {} of flash sale {} was cancelled but its OrderPlaced was not applied: no database "
								+ "stock to give back, and a late OrderPlaced takes none",
						cancelled.orderId(), cancelled.flashSaleId());
			}
		}
		for (OrderCancelled cancelled : outcome.conflicts()) {
			this.conflicts.increment();
			log.error(
					"Stock conflict: cancelled order {} of flash sale {} would lift its database stock above the "
							+ "allocation; marked processed, not returned",
					cancelled.orderId(), cancelled.flashSaleId());
		}
		if (outcome.duplicates() > 0) {
			log.debug("Skipped {} redelivered cancellations", outcome.duplicates());
		}
	}

	/**
	 * A cancellation that returned nothing to the database.
	 *
	 * @param cancelled the cancellation
	 * @param returnedBefore whether an earlier delivery returned the units (its processed
	 * mark was purged); otherwise its {@code OrderPlaced} was not applied
	 */
	private record Skipped(OrderCancelled cancelled, boolean returnedBefore) {
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
	private record Outcome(int returned, int units, int duplicates, List<Skipped> skipped,
			List<OrderCancelled> conflicts) {

		static final Outcome NONE = new Outcome(0, 0, 0, List.of(), List.of());

		Outcome plus(Outcome other) {
			return new Outcome(this.returned + other.returned, this.units + other.units,
					this.duplicates + other.duplicates, concat(this.skipped, other.skipped),
					concat(this.conflicts, other.conflicts));
		}

		private static <T> List<T> concat(List<T> first, List<T> second) {
			List<T> all = new ArrayList<>(first);
			all.addAll(second);
			return all;
		}

	}

}
