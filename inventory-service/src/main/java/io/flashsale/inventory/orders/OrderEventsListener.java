package io.flashsale.inventory.orders;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.contracts.Topics;
import io.flashsale.contracts.order.OrderCancelled;
import io.flashsale.contracts.order.OrderPlaced;
import io.flashsale.platform.messaging.DeadLetters;
import io.flashsale.platform.messaging.EventReader;
import io.flashsale.platform.messaging.PoisonMessage;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes the order topic in batches (orders arrive in bursts): {@code OrderPlaced} goes
 * to {@link PlacedOrders}, which takes each order's units off its sale's database stock,
 * and {@code OrderCancelled} to {@link CancelledOrders}, which gives them back to the
 * database and then to the Redis counters. Other order events are skipped.
 *
 * <p>
 * Both types are read by this one listener (one consumer group), so a cancellation is
 * normally applied after its order's {@code OrderPlaced}: they share a partition (keyed
 * by order id), and a batch applies its placed orders before its cancellations. Should a
 * resubmitted {@code OrderPlaced} arrive after its cancellation anyway, neither moves the
 * database stock.
 *
 * <p>
 * A record that cannot be read, is not a valid event, or that the database refuses is
 * counted ({@code flashsale.inventory.messages.poison}), sent to
 * {@code flashsale.orders.DLT} with the reason and skipped. If the dead-letter topic does
 * not take it, the batch fails and is retried: a record is never dropped. Any other
 * failure fails the whole batch, which the error handler retries with backoff; the
 * processed marks make the retry safe.
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

	private final EventReader events;

	private final PlacedOrders placedOrders;

	private final CancelledOrders cancelledOrders;

	private final DeadLetters deadLetters;

	private final Counter poison;

	OrderEventsListener(EventReader events, PlacedOrders placedOrders, CancelledOrders cancelledOrders,
			DeadLetters deadLetters, MeterRegistry meters) {
		this.events = events;
		this.placedOrders = placedOrders;
		this.cancelledOrders = cancelledOrders;
		this.deadLetters = deadLetters;
		this.poison = Counter.builder("flashsale.inventory.messages.poison")
			.description("Records that could not be read or were invalid, dead-lettered and skipped")
			.tag("topic", Topics.ORDERS)
			.register(meters);
	}

	@KafkaListener(id = "inventory.orders", groupId = "inventory-service.orders", topics = Topics.ORDERS,
			batch = "true")
	void onOrders(List<ConsumerRecord<String, String>> records) {
		Batch batch = new Batch();
		for (ConsumerRecord<String, String> record : records) {
			try {
				sort(record, batch);
			}
			catch (PoisonMessage ex) {
				rejectPoison(record, ex.reason(), ex);
			}
		}
		if (!batch.placed.isEmpty()) {
			rejectRefused(batch, this.placedOrders.apply(batch.placed));
		}
		if (!batch.cancelled.isEmpty()) {
			List<Refused<OrderCancelled>> refused = this.cancelledOrders.returnToDatabase(batch.cancelled);
			// Dead-lettered whole: replaying it later does both parts.
			rejectRefused(batch, refused);
			this.cancelledOrders.returnToCounters(without(batch.cancelled, refused));
		}
	}

	/**
	 * Adds the record's event to the batch if it is one of the two this listener applies.
	 * @throws PoisonMessage when it has no value, is unreadable or is invalid
	 */
	private void sort(ConsumerRecord<String, String> record, Batch batch) {
		if (record.value() == null) {
			throw new PoisonMessage("no-value",
					record.topic() + "-" + record.partition() + "@" + record.offset() + " has no value");
		}
		String type = this.events.type(record);
		if (PLACED.equals(type)) {
			batch.add(record, read(record, OrderPlaced.class, OrderEventsListener::isValid, "invalid-order"));
		}
		else if (CANCELLED.equals(type)) {
			batch.add(record, read(record, OrderCancelled.class, OrderEventsListener::isValid, "invalid-cancellation"));
		}
		else {
			// The topic carries the whole order lifecycle; the rest is not ours to apply.
			log.debug("Skipping {} on {}", type, record.topic());
		}
	}

	private <T> T read(ConsumerRecord<String, String> record, Class<T> type, Predicate<T> valid, String invalidReason) {
		return this.events
			.validate(record, this.events.read(record, type), valid, invalidReason,
					type.getSimpleName() + " needs an order id of at most " + MAX_ORDER_ID_LENGTH
							+ " characters, a flash sale and a positive quantity")
			.payload();
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

	private void rejectRefused(Batch batch, List<? extends Refused<?>> refused) {
		for (Refused<?> one : refused) {
			rejectPoison(batch.recordOf(one.event()), "database-refused", one.cause());
		}
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

	private static <T> List<T> without(List<T> events, List<Refused<T>> refused) {
		if (refused.isEmpty()) {
			return events;
		}
		Set<Object> refusedEvents = Collections.newSetFromMap(new IdentityHashMap<>());
		refused.forEach((one) -> refusedEvents.add(one.event()));
		return events.stream().filter((event) -> !refusedEvents.contains(event)).toList();
	}

	/** A batch's valid events of each type, and the record each came in. */
	private static final class Batch {

		private final List<OrderPlaced> placed = new ArrayList<>();

		private final List<OrderCancelled> cancelled = new ArrayList<>();

		/**
		 * By identity: a redelivery in the same batch is an equal event in another
		 * record.
		 */
		private final Map<Object, ConsumerRecord<String, String>> records = new IdentityHashMap<>();

		void add(ConsumerRecord<String, String> record, OrderPlaced order) {
			this.placed.add(order);
			this.records.put(order, record);
		}

		void add(ConsumerRecord<String, String> record, OrderCancelled cancelled) {
			this.cancelled.add(cancelled);
			this.records.put(cancelled, record);
		}

		ConsumerRecord<String, String> recordOf(Object event) {
			return this.records.get(event);
		}

	}

}
