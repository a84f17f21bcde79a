package io.flashsale.order.orders;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.mybatis.spring.boot.test.autoconfigure.MybatisTest;

import io.flashsale.contracts.order.OrderReserved;
import io.flashsale.platform.persistence.PersistenceAutoConfiguration;
import io.flashsale.testsupport.RealDatabaseConfiguration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The orders mapper's SQL on the real MariaDB, its schema built by the service's Flyway
 * migrations, with the platform's UTC instants and slow-SQL guard. Each test runs in a
 * transaction that is rolled back; sales and users are fresh per test, so rows other
 * tests committed to the shared database never match.
 */
@MybatisTest(properties = "spring.cloud.config.enabled=false")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ImportAutoConfiguration(PersistenceAutoConfiguration.class)
@Import(RealDatabaseConfiguration.class)
class OrdersMapperTests {

	private static final Instant PAID_AT = Instant.parse("2026-03-01T10:15:30.123Z");

	@Autowired
	Orders orders;

	private final long sale = ThreadLocalRandom.current().nextLong(9_000_000_000L, 9_900_000_000L);

	/**
	 * Of two payments for one order exactly one wins; a paid order is never cancelled.
	 */
	@Test
	void marksAPendingOrderPaidOnceAndLeavesItPaid() {
		Order order = insert("payer", 1, Instant.now());

		assertThat(this.orders.markPaid(order.id(), "pay-1", order.totalCents(), PAID_AT)).isOne();
		assertThat(this.orders.markPaid(order.id(), "pay-2", order.totalCents(), PAID_AT.plusSeconds(1))).isZero();
		assertThat(this.orders.markCancelled(order.id(), "shopper", PAID_AT.plusSeconds(2))).isZero();

		assertThat(this.orders.find(order.id())).hasValueSatisfying((paid) -> {
			assertThat(paid.status()).isEqualTo(OrderStatus.PAID);
			assertThat(paid.paymentId()).isEqualTo("pay-1");
			assertThat(paid.paidAt()).isEqualTo(PAID_AT);
			assertThat(paid.cancelledAt()).isNull();
		});
	}

	@Test
	void refusesAPaymentOfAnotherAmountThanTheTotal() {
		Order order = insert("short-payer", 2, Instant.now());

		assertThat(this.orders.markPaid(order.id(), "pay-short", order.totalCents() - 1, PAID_AT)).isZero();
		assertThat(this.orders.markPaid(order.id(), "pay-over", order.totalCents() + 1, PAID_AT)).isZero();

		assertThat(this.orders.find(order.id()))
			.hasValueSatisfying((pending) -> assertThat(pending.status()).isEqualTo(OrderStatus.PENDING_PAYMENT));
	}

	/** Of a cancel and a payment racing, whichever runs second changes nothing. */
	@Test
	void cancelsAPendingOrderOnceAndNeverPaysItAfter() {
		Order order = insert("canceller", 1, Instant.now());
		Order neighbour = insert("neighbour", 1, Instant.now());

		assertThat(this.orders.markCancelled(order.id(), "shopper", PAID_AT)).isOne();
		assertThat(this.orders.markCancelled(order.id(), "expired", PAID_AT.plusSeconds(1))).isZero();
		assertThat(this.orders.markPaid(order.id(), "pay-late", order.totalCents(), PAID_AT.plusSeconds(2))).isZero();

		assertThat(this.orders.find(order.id())).hasValueSatisfying((cancelled) -> {
			assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
			assertThat(cancelled.cancelReason()).isEqualTo("shopper");
			assertThat(cancelled.cancelledAt()).isEqualTo(PAID_AT);
			assertThat(cancelled.paymentId()).isNull();
		});
		assertThat(this.orders.find(neighbour.id()))
			.hasValueSatisfying((other) -> assertThat(other.status()).isEqualTo(OrderStatus.PENDING_PAYMENT));
	}

	@Test
	void answersNoRowForAnUnknownOrder() {
		String unknown = OrderIds.next(this.sale);

		assertThat(this.orders.markPaid(unknown, "pay", 1999, PAID_AT)).isZero();
		assertThat(this.orders.markCancelled(unknown, "shopper", PAID_AT)).isZero();
		assertThat(this.orders.find(unknown)).isEmpty();
	}

	/**
	 * What the counter rebuild counts: the sale's pending and paid orders, oldest first;
	 * cancelled ones and other sales' are left out.
	 */
	@Test
	void holdsStockForPendingAndPaidOrdersOfTheSaleOnly() {
		Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
		Order paid = insert("holder-1", 1, start.plusSeconds(2));
		Order pending = insert("holder-2", 3, start.plusSeconds(1));
		Order cancelled = insert("holder-3", 1, start);
		this.orders.markPaid(paid.id(), "pay-holding", paid.totalCents(), PAID_AT);
		this.orders.markCancelled(cancelled.id(), "expired", PAID_AT);
		long otherSale = this.sale + 1;
		String otherId = OrderIds.next(otherSale);
		this.orders.insertAll(List.of(Order
			.placed(new OrderReserved(otherId, otherSale, 77, "holder-4", 1, 1999, start.plusSeconds(3), 900))));

		assertThat(this.orders.holdingStock(this.sale)).extracting(Order::id).containsExactly(pending.id(), paid.id());
		assertThat(this.orders.totalsBySale(this.sale)).containsExactlyInAnyOrder(
				new Orders.StatusTotal(OrderStatus.PENDING_PAYMENT, 1, 3),
				new Orders.StatusTotal(OrderStatus.PAID, 1, 1), new Orders.StatusTotal(OrderStatus.CANCELLED, 1, 1));
	}

	/** Newest first, by limit and offset; only the shopper's own orders. */
	@Test
	void pagesAShoppersOrdersNewestFirst() {
		String user = "pager-" + UUID.randomUUID();
		Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
		Order first = insert(user, 1, start);
		Order second = insert(user, 1, start.plusSeconds(1));
		Order third = insert(user, 1, start.plusSeconds(2));
		insert("someone-else-" + UUID.randomUUID(), 1, start.plusSeconds(3));

		assertThat(this.orders.findByUser(user, 2, 0)).extracting(Order::id).containsExactly(third.id(), second.id());
		assertThat(this.orders.findByUser(user, 2, 2)).extracting(Order::id).containsExactly(first.id());
		assertThat(this.orders.countByUser(user)).isEqualTo(3);
	}

	/**
	 * Unpaid orders past the cutoff, earliest deadline first, at most the limit. The
	 * deadlines are in 2001, before any other test's, so only this test's orders can
	 * match.
	 */
	@Test
	void findsUnpaidOrdersPastTheCutoffEarliestFirst() {
		Instant reserved = Instant.parse("2001-01-01T00:00:00Z");
		Order late = insert("overdue-1", 1, reserved.plusSeconds(20));
		Order early = insert("overdue-2", 1, reserved);
		Order paid = insert("overdue-3", 1, reserved.plusSeconds(10));
		insert("on-time", 1, reserved.plusSeconds(3600));
		this.orders.markPaid(paid.id(), "pay-overdue", paid.totalCents(), PAID_AT);
		Instant cutoff = reserved.plusSeconds(900 + 60);

		assertThat(this.orders.overdue(cutoff, 10)).containsExactly(early.id(), late.id());
		assertThat(this.orders.overdue(cutoff, 1)).containsExactly(early.id());
	}

	private Order insert(String userId, int quantity, Instant reservedAt) {
		Order order = Order.placed(
				new OrderReserved(OrderIds.next(this.sale), this.sale, 77, userId, quantity, 1999, reservedAt, 900));
		assertThat(this.orders.insertAll(List.of(order))).isOne();
		return order;
	}

}
