package io.flashsale.order.checkout;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.contracts.Topics;
import io.flashsale.contracts.order.OrderReserved;
import io.flashsale.order.OrderProperties;
import io.flashsale.order.catalog.CatalogueHealth;
import io.flashsale.order.catalog.FlashSale;
import io.flashsale.order.catalog.FlashSaleNotFound;
import io.flashsale.order.catalog.FlashSales;
import io.flashsale.order.catalog.SoldOutMemory;
import io.flashsale.order.orders.OrderIds;
import io.flashsale.platform.degrade.LiveSwitches;
import io.flashsale.platform.messaging.EventJson;
import io.flashsale.stock.Reservation;
import io.flashsale.stock.ReserveCommand;
import io.flashsale.stock.ReserveOutcome;
import io.flashsale.stock.StockCounters;

import org.springframework.dao.DataAccessException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Service;

/**
 * Places a flash-sale order. The whole decision is one Lua script on Redis; the hand-off
 * to the order writer is one Kafka send. No database, no call to another service: price,
 * window and limit come from the in-memory catalogue. While the kill switch
 * ({@code flashsale.switches.sale-kill}) is on, every purchase is refused before the
 * script runs, so nothing is reserved.
 *
 * <p>
 * A 202 is given only once Kafka has acknowledged the order's record; from then on the
 * order exists whatever fails. Every other answer tells the truth about what happened: a
 * failed hand-off whose reservation went back says nothing was reserved; one the order
 * writer had already claimed answers 202; one whose outcome cannot be known answers a
 * retryable 503, and the retry with the same key replays to the first purchase's answer.
 * A replay is answered whatever the sale's state (sold out, over): it is sent to the
 * writer again when its reservation is still unclaimed, so no replayed 202 rests on a
 * record that never reached Kafka.
 */
@Service
class Checkout {

	private static final Logger logger = LoggerFactory.getLogger(Checkout.class);

	private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{8,64}");

	private final FlashSales sales;

	private final CatalogueHealth catalogue;

	private final SoldOutMemory soldOut;

	private final StockCounters counters;

	private final KafkaTemplate<String, String> kafka;

	private final EventJson events;

	private final Clock clock;

	private final OrderProperties properties;

	private final MeterRegistry meters;

	private final LiveSwitches switches;

	/** One counter per outcome, found without building a meter id per purchase. */
	private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();

	Checkout(FlashSales sales, CatalogueHealth catalogue, SoldOutMemory soldOut, StockCounters counters,
			KafkaTemplate<String, String> kafka, EventJson events, Clock clock, OrderProperties properties,
			MeterRegistry meters, LiveSwitches switches) {
		this.sales = sales;
		this.catalogue = catalogue;
		this.soldOut = soldOut;
		this.counters = counters;
		this.kafka = kafka;
		this.events = events;
		this.clock = clock;
		this.properties = properties;
		this.meters = meters;
		this.switches = switches;
	}

	OrderAccepted place(String userId, String idempotencyKey, PlaceOrder request) {
		if (this.switches.saleKill()) {
			throw counted("sale-killed",
					new SalePaused("Flash sales are paused by operations; nothing was reserved. Retry later.", 30));
		}
		if (idempotencyKey == null || idempotencyKey.isBlank()) {
			throw counted("missing-key", new IdempotencyKeyMissing("Send an Idempotency-Key header."));
		}
		if (!IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
			throw counted("invalid-key",
					new IdempotencyKeyMissing("The Idempotency-Key must be 8 to 64 of A-Z a-z 0-9 . _ : -"));
		}
		FlashSale sale = this.sales.find(request.flashSaleId()).orElseThrow(() -> unknownSale(request.flashSaleId()));
		if (request.quantity() > sale.perUserLimit()) {
			throw counted("invalid-quantity",
					new InvalidQuantity("Quantity must be between 1 and " + sale.perUserLimit() + "."));
		}
		Instant now = this.clock.instant();
		if (now.isBefore(sale.startsAt())) {
			// Nothing was bought before the start, so there is nothing to replay either.
			throw counted("sale-not-active", new SaleNotActive(sale.id(),
					"Flash sale " + sale.id() + " runs from " + sale.startsAt() + " until " + sale.endsAt() + "."));
		}
		if (this.soldOut.isSoldOut(sale.id())
				&& !this.soldOut.mayReplay(sale.id(), ReserveCommand.idempotencyField(userId, idempotencyKey))) {
			throw counted("sold-out", new SoldOut(sale.id()));
		}
		String orderId = OrderIds.next(sale.id());
		ReserveOutcome outcome = reserve(new ReserveCommand(sale.id(), orderId, userId, request.quantity(),
				idempotencyKey, request.fingerprint(), now));
		return switch (outcome) {
			case ReserveOutcome.Reserved reserved -> handOff(sale, userId, request.quantity(), reserved, now);
			case ReserveOutcome.Replayed replayed -> replay(sale, replayed.orderId(), now);
			case ReserveOutcome.KeyReused reused -> throw counted("key-reused",
					new IdempotencyKeyReused("This Idempotency-Key was used for a different purchase."));
			case ReserveOutcome.NotActive notActive -> throw counted("sale-not-active",
					new SaleNotActive(sale.id(), "Flash sale " + sale.id() + " is not running."));
			case ReserveOutcome.NotWarmed notWarmed -> throw counted("sale-paused",
					new SalePaused("Flash sale " + sale.id() + " is paused until its stock counters are restored.", 5));
			case ReserveOutcome.LimitExceeded limit -> throw counted("limit-exceeded", new LimitExceeded(
					"You already hold " + limit.held() + " of at most " + sale.perUserLimit() + " units."));
			case ReserveOutcome.SoldOut sold -> {
				if (sold.remaining() <= 0) {
					// Remembered here only: the instance whose purchase took the last
					// unit has told the others, so no publish goes out per late shopper.
					this.soldOut.remember(sale.id());
				}
				throw counted("sold-out", new SoldOut(sale.id()));
			}
		};
	}

	private RuntimeException unknownSale(long flashSaleId) {
		if (!this.catalogue.loaded()) {
			return counted("catalogue-loading", new Unavailable("catalogue-loading", "Catalogue loading",
					"This instance is still reading the flash-sale catalogue; nothing was reserved. Retry.", 1));
		}
		return counted("unknown-sale", new FlashSaleNotFound(flashSaleId));
	}

	/**
	 * The script, with Redis failures answered 503: the script may or may not have run,
	 * and a retry with the same key finds out.
	 */
	private ReserveOutcome reserve(ReserveCommand command) {
		try {
			return this.counters.reserve(command);
		}
		catch (DataAccessException ex) {
			logger.warn("Stock counters unreachable for flash sale {}: {}", command.flashSaleId(), ex.toString());
			throw counted("stock-unavailable", new Unavailable("stock-unavailable", "Stock counters unavailable",
					"The stock counters cannot be reached. Retry with the same Idempotency-Key: if this purchase "
							+ "was taken, the retry returns it; otherwise it buys once.",
					1));
		}
	}

	private OrderAccepted handOff(FlashSale sale, String userId, int quantity, ReserveOutcome.Reserved reserved,
			Instant now) {
		if (!replicated(sale, reserved)) {
			return settleFailedHandOff(sale, reserved.orderId(), now,
					new IllegalStateException("fewer than " + this.properties.redisReplicas() + " Redis replicas"));
		}
		Optional<Exception> failure = send(new OrderReserved(reserved.orderId(), sale.id(), sale.skuId(), userId,
				quantity, sale.priceCents(), now, sale.payTimeout().toSeconds()), now);
		if (failure.isPresent()) {
			return settleFailedHandOff(sale, reserved.orderId(), now, failure.get());
		}
		if (reserved.remaining() <= 0) {
			try {
				this.soldOut.soldOut(sale.id());
			}
			catch (RuntimeException ex) {
				// The order exists; the other instances learn of the sell-out from Redis.
				logger.warn("Could not announce the sell-out of flash sale {}", sale.id(), ex);
			}
		}
		count("accepted");
		return OrderAccepted.of(reserved.orderId());
	}

	/**
	 * The durability knob: with {@code flashsale.order.redis-replicas} above 0, the
	 * reservation must reach that many Redis replicas within the wait before the purchase
	 * is acknowledged, so a failover cannot lose it.
	 */
	private boolean replicated(FlashSale sale, ReserveOutcome.Reserved reserved) {
		int replicas = this.properties.redisReplicas();
		if (replicas == 0) {
			return true;
		}
		try {
			long acknowledged = this.counters.awaitReplicas(replicas, this.properties.redisReplicaWait());
			if (acknowledged < replicas) {
				logger.warn("Reservation {} of flash sale {} reached {} of {} Redis replicas", reserved.orderId(),
						sale.id(), acknowledged, replicas);
				return false;
			}
			return true;
		}
		catch (RuntimeException ex) {
			logger.warn("Waiting for Redis replicas failed for {}", reserved.orderId(), ex);
			return false;
		}
	}

	/**
	 * A replayed purchase answers its first answer. If its reservation is still
	 * unclaimed, the first hand-off may have died with its process, so the record is sent
	 * again (the writer takes it once) after its hand-off deadline starts over, and the
	 * 202 waits for Kafka as a first purchase does. A reservation released meanwhile (the
	 * first hand-off failed) was never an order: nothing was reserved.
	 */
	private OrderAccepted replay(FlashSale sale, String orderId, Instant now) {
		Optional<Reservation> reservation;
		try {
			reservation = this.counters.renewHandOff(sale.id(), orderId, now);
		}
		catch (DataAccessException ex) {
			logger.warn("Could not look up replayed reservation {}: {}", orderId, ex.toString());
			throw outcomeUnknown();
		}
		if (reservation.isEmpty()) {
			throw outcomeUnknown();
		}
		switch (reservation.get().state()) {
			case RELEASED -> throw counted("not-accepted", new OrderNotAccepted(
					"The earlier attempt with this key was not accepted; nothing was reserved. Retry."));
			case RESERVED -> {
				Reservation held = reservation.get();
				Optional<Exception> failure = send(new OrderReserved(orderId, sale.id(), sale.skuId(), held.userId(),
						held.quantity(), sale.priceCents(), held.reservedAt(), sale.payTimeout().toSeconds()), now);
				if (failure.isPresent()) {
					// Not released: the first hand-off may have been acknowledged
					// meanwhile.
					logger.warn("Replayed hand-off of {} failed", orderId, failure.get());
					throw outcomeUnknown();
				}
			}
			case CONFIRMED, CANCELLED -> {
				// The writer has it: the order exists.
			}
		}
		count("replayed");
		return OrderAccepted.of(orderId);
	}

	/**
	 * Sends the record and waits for Kafka's acknowledgement until the hand-off deadline:
	 * {@code send-timeout} after the hand-off started, counting the time the producer
	 * spent blocked before the send went out. The reaper relies on this bound: an
	 * acknowledged record was acknowledged within it.
	 */
	private Optional<Exception> send(OrderReserved event, Instant handOffStarted) {
		long deadline = handOffStarted.toEpochMilli() + this.properties.sendTimeout().toMillis();
		try {
			CompletableFuture<SendResult<String, String>> acknowledged = this.kafka.send(Topics.ORDER_RESERVATIONS,
					event.orderId(), this.events.write(event.orderId(), event, this.clock.instant()));
			acknowledged.get(Math.max(0, deadline - this.clock.millis()), TimeUnit.MILLISECONDS);
			return Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.of(ex);
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			return Optional.of(ex);
		}
	}

	/**
	 * The send failed or its outcome is unknown: give the units back before answering,
	 * and say what became of them. Released: nothing was reserved, and should the record
	 * still arrive, the writer finds the reservation released and writes no order.
	 * Claimed by the writer first: the record reached Kafka and the order exists, so the
	 * answer is its 202. Neither known: a retryable 503.
	 */
	private OrderAccepted settleFailedHandOff(FlashSale sale, String orderId, Instant handOffStarted, Exception cause) {
		logger.warn("Hand-off of reservation {} of flash sale {} failed; releasing it", orderId, sale.id(), cause);
		Optional<Reservation.State> state;
		try {
			// Only if no replay renewed its hand-off since: a replay may have had its
			// record acknowledged and answered 202.
			if (this.counters.releaseIfHandedOffBefore(sale.id(), orderId, handOffStarted.plusMillis(1))) {
				this.soldOut.restocked(sale.id(), this.counters.remaining(sale.id()));
				throw counted("not-accepted", new OrderNotAccepted(
						"The order could not be accepted right now; nothing was reserved. Retry."));
			}
			state = this.counters.reservation(sale.id(), orderId).map(Reservation::state);
		}
		catch (DataAccessException ex) {
			logger.warn("Could not release reservation {}: {}", orderId, ex.toString());
			state = Optional.empty();
		}
		if (state.isPresent()
				&& (state.get() == Reservation.State.CONFIRMED || state.get() == Reservation.State.CANCELLED)) {
			count("accepted-claimed");
			return OrderAccepted.of(orderId);
		}
		throw outcomeUnknown();
	}

	private Unavailable outcomeUnknown() {
		return counted("outcome-unknown", new Unavailable("order-outcome-unknown", "Order outcome unknown",
				"The order could not be confirmed right now. Retry with the same Idempotency-Key and body: if it "
						+ "was accepted, the retry returns it; otherwise it buys once.",
				1));
	}

	private <T extends RuntimeException> T counted(String outcome, T problem) {
		count(outcome);
		return problem;
	}

	private void count(String outcome) {
		this.outcomes.computeIfAbsent(outcome, (name) -> this.meters.counter("flashsale.purchases", "outcome", name))
			.increment();
	}

}
