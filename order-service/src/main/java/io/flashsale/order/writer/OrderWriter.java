package io.flashsale.order.writer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.contracts.Topics;
import io.flashsale.contracts.order.OrderReserved;
import io.flashsale.order.cancellation.PayDeadlines;
import io.flashsale.order.orders.Order;
import io.flashsale.order.orders.Orders;
import io.flashsale.platform.messaging.DeadLetters;
import io.flashsale.platform.messaging.EventReader;
import io.flashsale.platform.messaging.Outbox;
import io.flashsale.platform.messaging.PoisonMessage;
import io.flashsale.stock.AdoptOutcome;
import io.flashsale.stock.Reservation;
import io.flashsale.stock.StockCounters;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes orders from {@code OrderReserved} records, a batch at a time.
 *
 * <p>
 * It first claims the batch's reservations in Redis, one script per sale (so the reaper
 * can no longer release them), then, in one transaction, inserts the claimed orders that
 * are not written yet and publishes {@code OrderPlaced} for each through the outbox.
 * After the commit it queues every claimed order on the delayed-cancel queue, and only
 * then lets the container commit the offsets. A crash anywhere replays the batch: the
 * claim, the insert and the queueing are idempotent, and an order written before the
 * crash gets no second {@code OrderPlaced}. A reservation already released (the purchase
 * got 503, or the reaper found its send never succeeded) has no stock behind it and gets
 * no order.
 *
 * <p>
 * A record whose reservation is missing is an acknowledged order all the same: Redis lost
 * it (a restart without its data, or the last second of its append-only file). The order
 * is written and the counters are made to account for it ({@link StockCounters#adopt});
 * if the sale's counters are gone altogether, the rebuild that restores them counts it
 * from the database, after this writer has drained ({@code CounterRebuild}).
 */
@Component
class OrderWriter {

	private static final Logger logger = LoggerFactory.getLogger(OrderWriter.class);

	private final StockCounters counters;

	private final Orders orders;

	private final PayDeadlines deadlines;

	private final TransactionTemplate transactions;

	private final Outbox outbox;

	private final EventReader events;

	private final DeadLetters deadLetters;

	private final Counter written;

	private final Counter withoutStock;

	private final Counter unreadable;

	private final MeterRegistry meters;

	OrderWriter(StockCounters counters, Orders orders, PayDeadlines deadlines, TransactionTemplate transactions,
			Outbox outbox, EventReader events, DeadLetters deadLetters, MeterRegistry meters) {
		this.counters = counters;
		this.orders = orders;
		this.deadlines = deadlines;
		this.transactions = transactions;
		this.outbox = outbox;
		this.events = events;
		this.deadLetters = deadLetters;
		this.written = meters.counter("flashsale.orders.written");
		this.withoutStock = meters.counter("flashsale.orders.skipped", "reason", "reservation-released");
		this.unreadable = meters.counter("flashsale.orders.skipped", "reason", "unreadable");
		this.meters = meters;
	}

	@KafkaListener(id = "order-writer", topics = Topics.ORDER_RESERVATIONS, batch = "true")
	void write(List<ConsumerRecord<String, String>> records) {
		List<OrderReserved> reservations = new ArrayList<>(records.size());
		for (ConsumerRecord<String, String> record : records) {
			read(record).ifPresent(reservations::add);
		}
		Map<String, Optional<Reservation.State>> states = claimAll(reservations);
		Map<String, Order> claimed = new LinkedHashMap<>();
		for (OrderReserved reserved : reservations) {
			decide(reserved, states.get(reserved.orderId()))
				.ifPresent((order) -> claimed.putIfAbsent(order.id(), order));
		}
		if (claimed.isEmpty()) {
			return;
		}
		Integer inserted = this.transactions.execute((status) -> {
			Set<String> existing = new HashSet<>(this.orders.existing(claimed.keySet()));
			List<Order> fresh = claimed.values().stream().filter((order) -> !existing.contains(order.id())).toList();
			if (fresh.isEmpty()) {
				return 0;
			}
			int rows = this.orders.insertAll(fresh);
			fresh.forEach((order) -> this.outbox.publish(order.placedEvent()));
			return rows;
		});
		this.written.increment((inserted != null) ? inserted : 0);
		// Already paid or cancelled orders of a replayed batch may be queued again; the
		// poller takes them off at their deadline and finds nothing to cancel.
		this.deadlines.schedule(claimed.values());
	}

	private Optional<OrderReserved> read(ConsumerRecord<String, String> record) {
		try {
			return Optional.of(this.events.read(record, OrderReserved.class).payload());
		}
		catch (PoisonMessage ex) {
			// Never silently dropped: it goes to the dead-letter topic, then the batch
			// moves on (a record that cannot be read can never become an order).
			this.unreadable.increment();
			this.deadLetters.publish(record, ex.reason(), ex);
			return Optional.empty();
		}
	}

	/** One claim script per sale of the batch. */
	private Map<String, Optional<Reservation.State>> claimAll(List<OrderReserved> reservations) {
		Map<Long, List<String>> bySale = new LinkedHashMap<>();
		for (OrderReserved reserved : reservations) {
			bySale.computeIfAbsent(reserved.flashSaleId(), (sale) -> new ArrayList<>()).add(reserved.orderId());
		}
		Map<String, Optional<Reservation.State>> states = new HashMap<>(reservations.size() * 2);
		bySale.forEach((sale, orderIds) -> states.putAll(this.counters.confirmAll(sale, orderIds)));
		return states;
	}

	private Optional<Order> claim(OrderReserved reserved) {
		return decide(reserved, this.counters.confirm(reserved.flashSaleId(), reserved.orderId()));
	}

	private Optional<Order> decide(OrderReserved reserved, Optional<Reservation.State> state) {
		if (state.isEmpty()) {
			return adopt(reserved);
		}
		if (state.get() != Reservation.State.CONFIRMED) {
			this.withoutStock.increment();
			logger.warn("No order for {}: its reservation is {}", reserved.orderId(), state.get());
			return Optional.empty();
		}
		return Optional.of(Order.placed(reserved));
	}

	private Optional<Order> adopt(OrderReserved reserved) {
		AdoptOutcome outcome = this.counters.adopt(reserved.flashSaleId(), reserved.orderId(), reserved.userId(),
				reserved.quantity(), reserved.reservedAt());
		switch (outcome) {
			case AdoptOutcome.Exists exists -> {
				// Claimed or released by another path meanwhile: decide as for any
				// record.
				return claim(reserved);
			}
			case AdoptOutcome.CountersLost lost -> {
				adopted("counters-lost");
				logger.warn("Writing order {} whose reservation was lost with the counters of flash sale {}; "
						+ "the rebuild counts it", reserved.orderId(), reserved.flashSaleId());
			}
			case AdoptOutcome.Adopted adopted -> {
				adopted(adopted.oversold() ? "oversold" : "reservation-lost");
				if (adopted.oversold()) {
					logger.error(
							"Order {} of flash sale {} was acknowledged but its reservation was lost with Redis "
									+ "data; adopting it leaves the counter at {} (oversold)",
							reserved.orderId(), reserved.flashSaleId(), adopted.remaining());
				}
				else {
					logger.warn("Adopted order {} of flash sale {}: its reservation was lost with Redis data",
							reserved.orderId(), reserved.flashSaleId());
				}
			}
		}
		return Optional.of(Order.placed(reserved));
	}

	private void adopted(String reason) {
		this.meters.counter("flashsale.orders.adopted", "reason", reason).increment();
	}

}
