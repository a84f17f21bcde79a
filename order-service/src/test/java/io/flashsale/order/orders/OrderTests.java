package io.flashsale.order.orders;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.flashsale.contracts.Money;
import io.flashsale.contracts.order.OrderCancelled;
import io.flashsale.contracts.order.OrderReserved;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The order aggregate alone: what a reservation becomes, when it is overdue, and what its
 * transitions keep and carry. The conditional updates that make a transition happen once
 * are {@code OrderLifecycleIntegrationTests}.
 */
class OrderTests {

	static final Instant RESERVED_AT = Instant.parse("2026-11-11T00:00:00.123Z");

	static final OrderReserved RESERVED = new OrderReserved("7-0123456789abcdef0123456789abcdef", 7, 42, "alice", 3,
			1_999, RESERVED_AT, 900);

	@Test
	void placedFromAReservationIsUnpaidUntilTheSalesPayTimeout() {
		Order order = Order.placed(RESERVED);

		assertThat(order.id()).isEqualTo(RESERVED.orderId());
		assertThat(order.userId()).isEqualTo("alice");
		assertThat(order.flashSaleId()).isEqualTo(7);
		assertThat(order.skuId()).isEqualTo(42);
		assertThat(order.quantity()).isEqualTo(3);
		assertThat(order.unitPriceCents()).isEqualTo(1_999);
		assertThat(order.totalCents()).isEqualTo(5_997);
		assertThat(order.total()).isEqualTo(Money.of(5_997, Money.CNY));
		assertThat(order.status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
		assertThat(order.isPendingPayment()).isTrue();
		assertThat(order.payDeadline()).isEqualTo(Instant.parse("2026-11-11T00:15:00.123Z"));
		assertThat(order.createdAt()).isEqualTo(RESERVED_AT);
		assertThat(order.paymentId()).isNull();
		assertThat(order.paidAt()).isNull();
		assertThat(order.cancelReason()).isNull();
		assertThat(order.cancelledAt()).isNull();
	}

	@Test
	void refusesATotalThatWouldOverflowInsteadOfWrappingIt() {
		OrderReserved huge = new OrderReserved("7-huge", 7, 42, "alice", 3, Long.MAX_VALUE / 2, RESERVED_AT, 900);

		assertThatThrownBy(() -> Order.placed(huge)).isInstanceOf(ArithmeticException.class);
	}

	@Test
	void anUnpaidOrderIsOverdueFromItsDeadlineOn() {
		Order order = Order.placed(RESERVED);
		Instant deadline = order.payDeadline();

		assertThat(order.isOverdueAt(deadline.minusMillis(1))).isFalse();
		assertThat(order.isOverdueAt(deadline)).isTrue();
		assertThat(order.isOverdueAt(deadline.plusSeconds(3600))).isTrue();
	}

	@Test
	void aPaidOrCancelledOrderIsNeverOverdue() {
		Order order = Order.placed(RESERVED);
		Instant late = order.payDeadline().plusSeconds(3600);

		assertThat(order.paid("pay-1", RESERVED_AT.plusSeconds(60)).isOverdueAt(late)).isFalse();
		assertThat(order.cancelled(OrderCancelled.SHOPPER, RESERVED_AT.plusSeconds(60)).isOverdueAt(late)).isFalse();
	}

	@Test
	void payingKeepsThePaymentAndEverythingElse() {
		Order order = Order.placed(RESERVED);
		Instant at = RESERVED_AT.plusSeconds(60);

		Order paid = order.paid("pay-1", at);

		assertThat(paid.status()).isEqualTo(OrderStatus.PAID);
		assertThat(paid.isPendingPayment()).isFalse();
		assertThat(paid.paymentId()).isEqualTo("pay-1");
		assertThat(paid.paidAt()).isEqualTo(at);
		assertThat(paid.cancelReason()).isNull();
		assertThat(paid.cancelledAt()).isNull();
		assertThat(paid).usingRecursiveComparison().ignoringFields("status", "paymentId", "paidAt").isEqualTo(order);
	}

	@Test
	void cancellingKeepsTheReasonAndEverythingElse() {
		Order order = Order.placed(RESERVED);
		Instant at = order.payDeadline();

		Order cancelled = order.cancelled(OrderCancelled.EXPIRED, at);

		assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
		assertThat(cancelled.isPendingPayment()).isFalse();
		assertThat(cancelled.cancelReason()).isEqualTo(OrderCancelled.EXPIRED);
		assertThat(cancelled.cancelledAt()).isEqualTo(at);
		assertThat(cancelled.paymentId()).isNull();
		assertThat(cancelled.paidAt()).isNull();
		assertThat(cancelled).usingRecursiveComparison()
			.ignoringFields("status", "cancelReason", "cancelledAt")
			.isEqualTo(order);
	}

	@Test
	void eventsCarryWhatInventoryAndPaymentNeed() {
		Order order = Order.placed(RESERVED);
		Instant at = RESERVED_AT.plusSeconds(60);

		assertThat(order.placedEvent()).satisfies((placed) -> {
			assertThat(placed.orderId()).isEqualTo(order.id());
			assertThat(placed.flashSaleId()).isEqualTo(7);
			assertThat(placed.skuId()).isEqualTo(42);
			assertThat(placed.userId()).isEqualTo("alice");
			assertThat(placed.quantity()).isEqualTo(3);
			assertThat(placed.totalCents()).isEqualTo(5_997);
			assertThat(placed.payDeadline()).isEqualTo(order.payDeadline());
			assertThat(placed.placedAt()).isEqualTo(RESERVED_AT);
		});
		assertThat(order.cancelledEvent(OrderCancelled.SHOPPER, at)).satisfies((cancelled) -> {
			assertThat(cancelled.orderId()).isEqualTo(order.id());
			assertThat(cancelled.skuId()).isEqualTo(42);
			assertThat(cancelled.quantity()).isEqualTo(3);
			assertThat(cancelled.reason()).isEqualTo(OrderCancelled.SHOPPER);
			assertThat(cancelled.cancelledAt()).isEqualTo(at);
		});
		assertThat(order.paidEvent("pay-1", at)).satisfies((paid) -> {
			assertThat(paid.orderId()).isEqualTo(order.id());
			assertThat(paid.paymentId()).isEqualTo("pay-1");
			assertThat(paid.totalCents()).isEqualTo(5_997);
			assertThat(paid.paidAt()).isEqualTo(at);
		});
	}

}
