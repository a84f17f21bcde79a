package io.flashsale.inventory.orders;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.contracts.EventEnvelope;
import io.flashsale.contracts.Topics;
import io.flashsale.contracts.order.OrderPlaced;
import io.flashsale.platform.messaging.EventJson;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code OrderPlaced} in batches (orders arrive in bursts) and takes each
 * order's units off its sale's database stock exactly once, whatever the redeliveries.
 *
 * <p>
 * A record that cannot be read, or is not a valid order, is logged, counted
 * ({@code flashsale.inventory.messages.poison}) and skipped. Any other failure fails the
 * whole batch, which the error handler retries with backoff; nothing of it was committed,
 * and the processed marks make the retry safe. An order the sale's stock cannot cover is
 * a breach of the stock invariant: it is logged at ERROR and counted
 * ({@code flashsale.inventory.stock.conflicts}), and its processed mark still commits.
 */
@Component
class OrderPlacedListener {

	private static final Logger log = LoggerFactory.getLogger(OrderPlacedListener.class);

	private static final String TYPE = OrderPlaced.class.getSimpleName();

	/** The width of {@code processed_message.message_id}. */
	private static final int MAX_ORDER_ID_LENGTH = 64;

	private final PlacedOrders placedOrders;

	private final EventJson events;

	private final Counter poison;

	private final Counter conflicts;

	private final Counter applied;

	OrderPlacedListener(PlacedOrders placedOrders, EventJson events, MeterRegistry meters) {
		this.placedOrders = placedOrders;
		this.events = events;
		this.poison = Counter.builder("flashsale.inventory.messages.poison")
			.description("Records that could not be read or were invalid, logged and skipped")
			.tag("topic", Topics.ORDERS)
			.register(meters);
		this.conflicts = Counter.builder("flashsale.inventory.stock.conflicts")
			.description("Placed orders the sale's database stock could not cover (invariant breach)")
			.register(meters);
		this.applied = Counter.builder("flashsale.inventory.orders.applied")
			.description("Placed orders taken off their sale's database stock")
			.register(meters);
	}

	@KafkaListener(id = "inventory.orders", groupId = "inventory-service.orders", topics = Topics.ORDERS,
			batch = "true")
	void onOrders(List<ConsumerRecord<String, String>> records) {
		List<OrderPlaced> orders = new ArrayList<>(records.size());
		for (ConsumerRecord<String, String> record : records) {
			OrderPlaced order = read(record);
			if (order != null) {
				orders.add(order);
			}
		}
		if (orders.isEmpty()) {
			return;
		}
		PlacedOrders.Outcome outcome;
		try {
			outcome = this.placedOrders.apply(orders);
		}
		catch (DataIntegrityViolationException ex) {
			// Not transient, so retrying the batch would never end: apply the orders one
			// by one and skip the one the database refuses.
			outcome = applyOneByOne(orders);
		}
		report(outcome);
	}

	private PlacedOrders.Outcome applyOneByOne(List<OrderPlaced> orders) {
		int applied = 0;
		int duplicates = 0;
		List<OrderPlaced> conflicts = new ArrayList<>();
		for (OrderPlaced order : orders) {
			try {
				PlacedOrders.Outcome one = this.placedOrders.apply(List.of(order));
				applied += one.applied();
				duplicates += one.duplicates();
				conflicts.addAll(one.conflicts());
			}
			catch (DataIntegrityViolationException ex) {
				this.poison.increment();
				log.error("Skipping order {} of flash sale {}: the database refused it", order.orderId(),
						order.flashSaleId(), ex);
			}
		}
		return new PlacedOrders.Outcome(applied, duplicates, conflicts);
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
		if (outcome.duplicates() > 0) {
			log.debug("Skipped {} redelivered orders", outcome.duplicates());
		}
	}

	/**
	 * Reads a record, rejecting it as poison if it cannot be applied.
	 * @return the order, or null if the record is not one to apply
	 */
	private OrderPlaced read(ConsumerRecord<String, String> record) {
		if (record.value() == null) {
			rejectPoison(record, "no value", null);
			return null;
		}
		EventEnvelope<OrderPlaced> event;
		try {
			event = this.events.read(record.value(), OrderPlaced.class);
		}
		catch (RuntimeException ex) {
			rejectPoison(record, "unreadable", ex);
			return null;
		}
		if (!TYPE.equals(event.type())) {
			// The topic may carry other order events later; they are not ours to apply.
			log.debug("Skipping {} on {}", event.type(), record.topic());
			return null;
		}
		OrderPlaced order = event.payload();
		if (order.orderId() == null || order.orderId().isBlank() || order.orderId().length() > MAX_ORDER_ID_LENGTH
				|| order.flashSaleId() <= 0 || order.quantity() <= 0) {
			rejectPoison(record, "invalid order", null);
			return null;
		}
		return order;
	}

	private void rejectPoison(ConsumerRecord<String, String> record, String reason, Exception cause) {
		this.poison.increment();
		log.error("Skipping poison record {}-{}@{} ({}): {}", record.topic(), record.partition(), record.offset(),
				reason, (cause != null) ? cause.toString() : "");
	}

}
