package io.flashsale.order;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.flashsale.contracts.Topics;
import io.flashsale.contracts.order.OrderReserved;
import io.flashsale.contracts.payment.PaymentSucceeded;
import io.flashsale.order.orders.OrderIds;
import io.flashsale.platform.messaging.EventJson;
import io.flashsale.stock.ReserveCommand;
import io.flashsale.stock.ReserveOutcome;
import io.flashsale.stock.StockCounters;

import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Places orders the way the purchase path does (the Lua reservation, then
 * {@code OrderReserved} to the order writer), without HTTP, so that many orders exist
 * quickly; and pays them the way payment-service does ({@code PaymentSucceeded} on the
 * payments topic).
 */
public record TestOrders(StockCounters counters, KafkaTemplate<String, String> kafka, EventJson events) {

	/**
	 * One order of one unit per buyer, {@code buyerPrefix-0 ...}, all handed to the
	 * writer.
	 * @return the order ids, in the order they were placed
	 */
	public List<String> place(long sale, String buyerPrefix, int count, long payTimeoutSeconds) throws Exception {
		List<String> ids = new ArrayList<>(count);
		List<CompletableFuture<?>> sends = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			String user = buyerPrefix + "-" + i;
			String orderId = OrderIds.next(sale);
			Instant now = Instant.now();
			assertThat(this.counters.reserve(new ReserveCommand(sale, orderId, user, 1, "key-" + orderId, "h", now)))
				.isInstanceOf(ReserveOutcome.Reserved.class);
			OrderReserved reserved = new OrderReserved(orderId, sale, TestSales.SKU, user, 1, TestSales.PRICE_CENTS,
					now, payTimeoutSeconds);
			sends.add(this.kafka.send(Topics.ORDER_RESERVATIONS, orderId, this.events.write(orderId, reserved, now)));
			ids.add(orderId);
		}
		CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
		return ids;
	}

	/** A {@code PaymentSucceeded} record's value, with a fresh event id. */
	public String paymentRecord(String paymentId, String orderId, String userId, long amountCents) {
		Instant now = Instant.now();
		return this.events.write(orderId, new PaymentSucceeded(paymentId, orderId, userId, "sandbox", amountCents, now),
				now);
	}

	public CompletableFuture<?> sendPayment(String orderId, String value) {
		return this.kafka.send(Topics.PAYMENTS, orderId, value);
	}

	/** Pays an order its full price with a new payment, as payment-service would. */
	public CompletableFuture<?> pay(String orderId, String paymentId, String userId) {
		return sendPayment(orderId, paymentRecord(paymentId, orderId, userId, TestSales.PRICE_CENTS));
	}

}
