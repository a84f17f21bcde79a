package io.flashsale.order.writer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.contracts.Topics;
import io.flashsale.contracts.order.OrderPlaced;
import io.flashsale.contracts.order.OrderReserved;
import io.flashsale.order.orders.Order;
import io.flashsale.order.orders.OrderStatus;
import io.flashsale.order.orders.Orders;
import io.flashsale.platform.messaging.EventJson;
import io.flashsale.stock.Reservation;
import io.flashsale.stock.StockCounters;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes orders from {@code OrderReserved} records, a batch at a time.
 *
 * <p>
 * For each record it first claims the reservation in Redis (so the reaper can no longer
 * release it), then inserts every claimed order in one transaction (idempotent by id),
 * then publishes {@code OrderPlaced} for each and only then lets the container commit the
 * offsets. A crash anywhere replays the batch: the claim and the insert are idempotent,
 * and consumers of {@code OrderPlaced} are idempotent by order id, so delivery is at
 * least once and the effect exactly once. A reservation already released (the purchase
 * got 503, or the reaper gave up on it) has no stock behind it and gets no order.
 */
@Component
class OrderWriter {

	private static final Logger logger = LoggerFactory.getLogger(OrderWriter.class);

	private final StockCounters counters;

	private final Orders orders;

	private final TransactionTemplate transactions;

	private final KafkaTemplate<String, String> kafka;

	private final EventJson events;

	private final Counter written;

	private final Counter withoutStock;

	private final Counter unreadable;

	OrderWriter(StockCounters counters, Orders orders, TransactionTemplate transactions,
			KafkaTemplate<String, String> kafka, EventJson events, MeterRegistry meters) {
		this.counters = counters;
		this.orders = orders;
		this.transactions = transactions;
		this.kafka = kafka;
		this.events = events;
		this.written = meters.counter("flashsale.orders.written");
		this.withoutStock = meters.counter("flashsale.orders.skipped", "reason", "reservation-released");
		this.unreadable = meters.counter("flashsale.orders.skipped", "reason", "unreadable");
	}

	@KafkaListener(id = "order-writer", topics = Topics.ORDER_RESERVATIONS, batch = "true")
	void write(List<ConsumerRecord<String, String>> records) throws Exception {
		List<Order> claimed = new ArrayList<>(records.size());
		for (ConsumerRecord<String, String> record : records) {
			read(record).flatMap(this::claim).ifPresent(claimed::add);
		}
		if (claimed.isEmpty()) {
			return;
		}
		Integer inserted = this.transactions.execute((status) -> this.orders.insertAll(claimed));
		this.written.increment((inserted != null) ? inserted : 0);
		List<CompletableFuture<?>> sends = new ArrayList<>(claimed.size());
		for (Order order : claimed) {
			OrderPlaced placed = new OrderPlaced(order.id(), order.flashSaleId(), order.skuId(), order.userId(),
					order.quantity(), order.totalCents(), order.payDeadline());
			sends.add(this.kafka.send(Topics.ORDERS, order.id(),
					this.events.write(order.id(), placed, order.createdAt())));
		}
		// Offsets commit only after every OrderPlaced is acknowledged.
		CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
	}

	private Optional<OrderReserved> read(ConsumerRecord<String, String> record) {
		try {
			return Optional.of(this.events.read(record.value(), OrderReserved.class).payload());
		}
		catch (RuntimeException ex) {
			this.unreadable.increment();
			logger.error("Skipping unreadable reservation record at {}-{}@{}", record.topic(), record.partition(),
					record.offset(), ex);
			return Optional.empty();
		}
	}

	private Optional<Order> claim(OrderReserved reserved) {
		Optional<Reservation.State> state = this.counters.confirm(reserved.flashSaleId(), reserved.orderId());
		if (state.orElse(null) != Reservation.State.CONFIRMED) {
			this.withoutStock.increment();
			logger.warn("No order for {}: its reservation is {}", reserved.orderId(),
					state.map(Enum::name).orElse("missing"));
			return Optional.empty();
		}
		Instant deadline = reserved.reservedAt().plusSeconds(reserved.payTimeoutSeconds());
		return Optional.of(new Order(reserved.orderId(), reserved.userId(), reserved.flashSaleId(), reserved.skuId(),
				reserved.quantity(), reserved.unitPriceCents(), reserved.unitPriceCents() * reserved.quantity(),
				OrderStatus.PENDING_PAYMENT, deadline, reserved.reservedAt()));
	}

}
