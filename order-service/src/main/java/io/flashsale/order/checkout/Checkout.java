package io.flashsale.order.checkout;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.contracts.Topics;
import io.flashsale.contracts.order.OrderReserved;
import io.flashsale.order.OrderProperties;
import io.flashsale.order.catalog.FlashSale;
import io.flashsale.order.catalog.FlashSaleNotFound;
import io.flashsale.order.catalog.FlashSales;
import io.flashsale.order.catalog.SoldOutMemory;
import io.flashsale.order.orders.OrderIds;
import io.flashsale.platform.degrade.Switches;
import io.flashsale.platform.messaging.EventJson;
import io.flashsale.stock.ReserveCommand;
import io.flashsale.stock.ReserveOutcome;
import io.flashsale.stock.StockCounters;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Service;

/**
 * Places a flash-sale order. The whole decision is one Lua script on Redis; the hand-off
 * to the order writer is one Kafka send. No database, no call to another service: price,
 * window and limit come from the in-memory catalogue. While the kill switch
 * ({@code flashsale.switches.sale-kill}) is on, every purchase is refused before the
 * script runs, so nothing is reserved.
 */
@Service
class Checkout {

	private static final Logger logger = LoggerFactory.getLogger(Checkout.class);

	private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{8,64}");

	private final FlashSales sales;

	private final SoldOutMemory soldOut;

	private final StockCounters counters;

	private final KafkaTemplate<String, String> kafka;

	private final EventJson events;

	private final Clock clock;

	private final OrderProperties properties;

	private final MeterRegistry meters;

	private final Switches switches;

	Checkout(FlashSales sales, SoldOutMemory soldOut, StockCounters counters, KafkaTemplate<String, String> kafka,
			EventJson events, Clock clock, OrderProperties properties, MeterRegistry meters, Switches switches) {
		this.sales = sales;
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
					new SalePaused("Flash sales are paused by operations; nothing was reserved. Retry later."));
		}
		if (idempotencyKey == null || idempotencyKey.isBlank()) {
			throw counted("missing-key", new IdempotencyKeyMissing("Send an Idempotency-Key header."));
		}
		if (!IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
			throw counted("invalid-key",
					new IdempotencyKeyMissing("The Idempotency-Key must be 8 to 64 of A-Z a-z 0-9 . _ : -"));
		}
		FlashSale sale = this.sales.find(request.flashSaleId())
			.orElseThrow(() -> counted("unknown-sale", new FlashSaleNotFound(request.flashSaleId())));
		if (request.quantity() > sale.perUserLimit()) {
			throw counted("invalid-quantity",
					new InvalidQuantity("Quantity must be between 1 and " + sale.perUserLimit() + "."));
		}
		Instant now = this.clock.instant();
		if (!sale.isActiveAt(now)) {
			throw counted("sale-not-active", new SaleNotActive(
					"Flash sale " + sale.id() + " runs from " + sale.startsAt() + " until " + sale.endsAt() + "."));
		}
		if (this.soldOut.isSoldOut(sale.id())) {
			throw counted("sold-out", new SoldOut("Flash sale " + sale.id() + " is sold out."));
		}
		String orderId = OrderIds.next(sale.id());
		ReserveOutcome outcome = this.counters.reserve(new ReserveCommand(sale.id(), orderId, userId,
				request.quantity(), idempotencyKey, request.fingerprint(), now));
		return switch (outcome) {
			case ReserveOutcome.Reserved reserved -> handOff(sale, userId, request.quantity(), reserved, now);
			case ReserveOutcome.Replayed replayed -> {
				count("replayed");
				yield OrderAccepted.of(replayed.orderId());
			}
			case ReserveOutcome.KeyReused reused -> throw counted("key-reused",
					new IdempotencyKeyReused("This Idempotency-Key was used for a different purchase."));
			case ReserveOutcome.NotActive notActive ->
				throw counted("sale-not-active", new SaleNotActive("Flash sale " + sale.id() + " is not running."));
			case ReserveOutcome.NotWarmed notWarmed -> throw counted("sale-paused",
					new SalePaused("Flash sale " + sale.id() + " is paused until its stock counters are restored."));
			case ReserveOutcome.LimitExceeded limit -> throw counted("limit-exceeded", new LimitExceeded(
					"You already hold " + limit.held() + " of at most " + sale.perUserLimit() + " units."));
			case ReserveOutcome.SoldOut sold -> {
				if (sold.remaining() <= 0) {
					// Remembered here only: the instance whose purchase took the last
					// unit
					// has told the others, so no publish goes out per late shopper.
					this.soldOut.remember(sale.id());
				}
				throw counted("sold-out", new SoldOut("Flash sale " + sale.id() + " is sold out."));
			}
		};
	}

	private OrderAccepted handOff(FlashSale sale, String userId, int quantity, ReserveOutcome.Reserved reserved,
			Instant now) {
		OrderReserved event = new OrderReserved(reserved.orderId(), sale.id(), sale.skuId(), userId, quantity,
				sale.priceCents(), now, sale.payTimeout().toSeconds());
		try {
			this.kafka
				.send(Topics.ORDER_RESERVATIONS, reserved.orderId(), this.events.write(reserved.orderId(), event, now))
				.get(this.properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw release(sale, reserved, ex);
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			throw release(sale, reserved, ex);
		}
		if (reserved.remaining() <= 0) {
			this.soldOut.soldOut(sale.id());
		}
		count("accepted");
		return OrderAccepted.of(reserved.orderId());
	}

	/**
	 * The send failed or its outcome is unknown: give the units back before answering.
	 * Should the record still arrive, the writer finds the reservation released and
	 * writes no order, so stock and orders stay equal either way.
	 */
	private OrderNotAccepted release(FlashSale sale, ReserveOutcome.Reserved reserved, Exception cause) {
		logger.warn("Releasing reservation {} of flash sale {}: hand-off to Kafka failed", reserved.orderId(),
				sale.id(), cause);
		if (this.counters.release(sale.id(), reserved.orderId())) {
			this.soldOut.restocked(sale.id(), this.counters.remaining(sale.id()));
		}
		return counted("not-accepted",
				new OrderNotAccepted("The order could not be accepted right now; nothing was reserved. Retry."));
	}

	private <T extends RuntimeException> T counted(String outcome, T problem) {
		count(outcome);
		return problem;
	}

	private void count(String outcome) {
		this.meters.counter("flashsale.purchases", "outcome", outcome).increment();
	}

}
