package io.flashsale.inventory.orders;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import io.flashsale.contracts.EventEnvelope;
import io.flashsale.contracts.Topics;
import io.flashsale.contracts.order.OrderCancelled;
import io.flashsale.contracts.order.OrderPlaced;
import io.flashsale.platform.messaging.DeadLetters;
import io.flashsale.platform.messaging.EventJson;
import io.flashsale.stock.CancelOutcome;
import io.flashsale.stock.Reservation;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes the order topic in batches (orders arrive in bursts): {@code OrderPlaced}
 * takes each order's units off its sale's database stock and {@code OrderCancelled} gives
 * them back, to the database and to the Redis counters, each exactly once whatever the
 * redeliveries. Other order events are skipped.
 *
 * <p>
 * Both types are read by this one listener (one consumer group), so a cancellation is
 * normally applied after its order's {@code OrderPlaced}: they share a partition (keyed
 * by order id), and a batch applies its placed orders before its cancellations. Should a
 * resubmitted {@code OrderPlaced} arrive after its cancellation anyway, neither moves the
 * database stock (counted as {@code flashsale.inventory.cancel.skipped}).
 *
 * <p>
 * A record that cannot be read, or is not a valid event, is counted
 * ({@code flashsale.inventory.messages.poison}), sent to {@code flashsale.orders.DLT}
 * with the reason and skipped; so is one the database refuses. Any other failure fails
 * the whole batch, which the error handler retries with backoff; the processed marks make
 * the retry safe. An order the sale's stock cannot cover, or a return that would lift it
 * above its allocation, is a breach of the stock invariant: it is logged at ERROR and
 * counted ({@code flashsale.inventory.stock.conflicts}), and its processed mark still
 * commits.
 */
@Component
class OrderEventsListener {

	private static final Logger log = LoggerFactory.getLogger(OrderEventsListener.class);

	private static final String PLACED = OrderPlaced.class.getSimpleName();

	private static final String CANCELLED = OrderCancelled.class.getSimpleName();

	/**
	 * The width of {@code processed_message.message_id} and {@code order_stock.order_id}.
	 */
	private static final int MAX_ORDER_ID_LENGTH = 64;

	private final PlacedOrders placedOrders;

	private final CancelledOrders cancelledOrders;

	private final EventJson events;

	private final DeadLetters deadLetters;

	private final Counter poison;

	private final Counter conflicts;

	private final Counter applied;

	private final Counter returnedToDatabase;

	private final Counter returnedToRedis;

	private final Counter cancelSkipped;

	OrderEventsListener(PlacedOrders placedOrders, CancelledOrders cancelledOrders, EventJson events,
			DeadLetters deadLetters, MeterRegistry meters) {
		this.placedOrders = placedOrders;
		this.cancelledOrders = cancelledOrders;
		this.events = events;
		this.deadLetters = deadLetters;
		this.poison = Counter.builder("flashsale.inventory.messages.poison")
			.description("Records that could not be read or were invalid, dead-lettered and skipped")
			.tag("topic", Topics.ORDERS)
			.register(meters);
		this.conflicts = Counter.builder("flashsale.inventory.stock.conflicts")
			.description("Orders the sale's database stock could not take or take back (invariant breach)")
			.register(meters);
		this.applied = Counter.builder("flashsale.inventory.orders.applied")
			.description("Placed orders taken off their sale's database stock")
			.register(meters);
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
		this.cancelSkipped = Counter.builder("flashsale.inventory.cancel.skipped")
			.description("Cancelled orders whose OrderPlaced was never applied: nothing to give back")
			.register(meters);
	}

	@KafkaListener(id = "inventory.orders", groupId = "inventory-service.orders", topics = Topics.ORDERS,
			batch = "true")
	void onOrders(List<ConsumerRecord<String, String>> records) {
		List<Delivery<OrderPlaced>> placed = new ArrayList<>();
		List<Delivery<OrderCancelled>> cancelled = new ArrayList<>();
		for (ConsumerRecord<String, String> record : records) {
			String type = type(record);
			if (PLACED.equals(type)) {
				read(record, OrderPlaced.class, OrderEventsListener::isValid, "invalid-order").ifPresent(placed::add);
			}
			else if (CANCELLED.equals(type)) {
				read(record, OrderCancelled.class, OrderEventsListener::isValid, "invalid-cancellation")
					.ifPresent(cancelled::add);
			}
			else if (type != null) {
				// The topic carries the whole order lifecycle; the rest is not ours to
				// apply.
				log.debug("Skipping {} on {}", type, record.topic());
			}
		}
		if (!placed.isEmpty()) {
			report(applyPlaced(placed));
		}
		if (!cancelled.isEmpty()) {
			List<Delivery<OrderCancelled>> kept = report(returnToDatabase(cancelled));
			returnToCounters(kept);
		}
	}

	private PlacedOrders.Outcome applyPlaced(List<Delivery<OrderPlaced>> deliveries) {
		try {
			return this.placedOrders.apply(events(deliveries));
		}
		catch (DataIntegrityViolationException ex) {
			// Not transient, so retrying the batch would never end: apply the orders one
			// by one and dead-letter the one the database refuses.
			int applied = 0;
			int duplicates = 0;
			List<OrderPlaced> conflicts = new ArrayList<>();
			List<OrderPlaced> cancelledFirst = new ArrayList<>();
			for (Delivery<OrderPlaced> delivery : deliveries) {
				try {
					PlacedOrders.Outcome one = this.placedOrders.apply(List.of(delivery.event()));
					applied += one.applied();
					duplicates += one.duplicates();
					conflicts.addAll(one.conflicts());
					cancelledFirst.addAll(one.cancelledFirst());
				}
				catch (DataIntegrityViolationException refused) {
					rejectPoison(delivery.record(), "database-refused", refused);
				}
			}
			return new PlacedOrders.Outcome(applied, duplicates, conflicts, cancelledFirst);
		}
	}

	/** The cancellations' database part, and the deliveries that got through it. */
	private Returned returnToDatabase(List<Delivery<OrderCancelled>> deliveries) {
		try {
			return new Returned(this.cancelledOrders.returnToDatabase(events(deliveries)), deliveries);
		}
		catch (DataIntegrityViolationException ex) {
			List<Delivery<OrderCancelled>> kept = new ArrayList<>();
			CancelledOrders.Outcome total = new CancelledOrders.Outcome(0, 0, 0, new ArrayList<>(), new ArrayList<>());
			for (Delivery<OrderCancelled> delivery : deliveries) {
				try {
					CancelledOrders.Outcome one = this.cancelledOrders.returnToDatabase(List.of(delivery.event()));
					total = new CancelledOrders.Outcome(total.returned() + one.returned(), total.units() + one.units(),
							total.duplicates() + one.duplicates(), concat(total.skipped(), one.skipped()),
							concat(total.conflicts(), one.conflicts()));
					kept.add(delivery);
				}
				catch (DataIntegrityViolationException refused) {
					// Dead-lettered whole: replaying it later does both parts.
					rejectPoison(delivery.record(), "database-refused", refused);
				}
			}
			return new Returned(total, kept);
		}
	}

	/**
	 * The Redis part, after the database committed, for every delivery: the script is
	 * idempotent by the reservation's state.
	 */
	private void returnToCounters(List<Delivery<OrderCancelled>> deliveries) {
		for (Delivery<OrderCancelled> delivery : deliveries) {
			OrderCancelled cancelled = delivery.event();
			CancelOutcome outcome = this.cancelledOrders.returnToCounters(cancelled);
			switch (outcome) {
				case CancelOutcome.Cancelled returned -> {
					this.returnedToRedis.increment(returned.quantity());
					if (returned.restocked()) {
						this.cancelledOrders.announceRestock(cancelled.flashSaleId(), returned.remaining());
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

	private void report(PlacedOrders.Outcome outcome) {
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

	private List<Delivery<OrderCancelled>> report(Returned returned) {
		CancelledOrders.Outcome outcome = returned.outcome();
		this.returnedToDatabase.increment(outcome.units());
		for (CancelledOrders.Skipped skipped : outcome.skipped()) {
			OrderCancelled cancelled = skipped.cancelled();
			if (skipped.returnedBefore()) {
				log.info("Order {} of flash sale {}: its units were returned before", cancelled.orderId(),
						cancelled.flashSaleId());
			}
			else {
				this.cancelSkipped.increment();
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
		return returned.deliveries();
	}

	/**
	 * The envelope's type, or null after dead-lettering a record that has none.
	 */
	private String type(ConsumerRecord<String, String> record) {
		if (record.value() == null) {
			rejectPoison(record, "no-value", null);
			return null;
		}
		try {
			return this.events.read(record.value(), JsonNode.class).type();
		}
		catch (RuntimeException ex) {
			rejectPoison(record, "unreadable", ex);
			return null;
		}
	}

	private <T> Optional<Delivery<T>> read(ConsumerRecord<String, String> record, Class<T> type, Predicate<T> valid,
			String invalidReason) {
		T event;
		try {
			event = this.events.read(record.value(), type).payload();
		}
		catch (RuntimeException ex) {
			rejectPoison(record, "unreadable", ex);
			return Optional.empty();
		}
		if (!valid.test(event)) {
			rejectPoison(record, invalidReason, null);
			return Optional.empty();
		}
		return Optional.of(new Delivery<>(record, event));
	}

	private static boolean isValid(OrderPlaced order) {
		return isOrderId(order.orderId()) && order.flashSaleId() > 0 && order.quantity() > 0;
	}

	private static boolean isValid(OrderCancelled cancelled) {
		return isOrderId(cancelled.orderId()) && cancelled.flashSaleId() > 0 && cancelled.quantity() > 0;
	}

	private static boolean isOrderId(String orderId) {
		return orderId != null && !orderId.isBlank() && orderId.length() <= MAX_ORDER_ID_LENGTH;
	}

	/**
	 * Counts a record that can never be applied and sends it to the dead-letter topic. If
	 * the dead-letter topic does not take it, the exception fails the batch, which is
	 * then retried: a record is never dropped.
	 */
	private void rejectPoison(ConsumerRecord<String, String> record, String reason, Exception cause) {
		this.deadLetters.publish(record, reason, cause);
		this.poison.increment();
	}

	private static <T> List<T> events(List<Delivery<T>> deliveries) {
		return deliveries.stream().map(Delivery::event).toList();
	}

	private static <T> List<T> concat(List<T> first, List<T> second) {
		List<T> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

	/** A valid event and the record it came in. */
	private record Delivery<T>(ConsumerRecord<String, String> record, T event) {
	}

	/** The database part's outcome and the deliveries that got through it. */
	private record Returned(CancelledOrders.Outcome outcome, List<Delivery<OrderCancelled>> deliveries) {
	}

}
