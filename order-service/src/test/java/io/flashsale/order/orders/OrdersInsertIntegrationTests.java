package io.flashsale.order.orders;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.flashsale.contracts.order.OrderReserved;
import io.flashsale.testsupport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The order writer's insert on real MariaDB: an order already present is skipped, any
 * other error fails the whole batch instead of storing a truncated row.
 */
@IntegrationTest
class OrdersInsertIntegrationTests {

	@Autowired
	Orders orders;

	/**
	 * A batch of 2 new orders writes 2 rows; the same 2 again (the first with quantity
	 * 4), with a third, writes the third only and leaves the first 2 as they were
	 * (quantity 1 stays 1). The driver counts found rows, so the second batch answers 3:
	 * 1 written, 2 found.
	 */
	@Test
	void writesABatchOnceAndLeavesExistingOrdersAsTheyAre() {
		Order first = order("alice-" + suffix(), 1);
		Order second = order("bob-" + suffix(), 2);
		assertThat(this.orders.insertAll(List.of(first, second))).isEqualTo(2);

		Order third = order("carol-" + suffix(), 1);
		Order firstAgain = new Order(first.id(), first.userId(), first.flashSaleId(), first.skuId(), 4,
				first.unitPriceCents(), first.unitPriceCents() * 4, first.status(), null, null, null, null,
				first.payDeadline(), first.createdAt());
		assertThat(this.orders.insertAll(List.of(firstAgain, second, third))).isEqualTo(3);

		assertThat(this.orders.existing(List.of(first.id(), second.id(), third.id())))
			.containsExactlyInAnyOrder(first.id(), second.id(), third.id());
		assertThat(this.orders.find(first.id())).hasValueSatisfying((order) -> assertThat(order.quantity()).isOne());
	}

	/**
	 * A user id of 129 characters (the column holds 128) fails the batch with an error:
	 * neither its order nor the valid one beside it is written, and no order exists under
	 * the id truncated to 128 characters.
	 */
	@Test
	void refusesAnOrderWhoseUserIdIsLongerThanItsColumn() {
		Order valid = order("dave-" + suffix(), 1);
		String longUser = "u".repeat(120) + suffix().substring(0, 9);
		Order overlong = order(longUser, 1);
		assertThat(longUser).hasSize(129);

		assertThatThrownBy(() -> this.orders.insertAll(List.of(valid, overlong)))
			.isInstanceOf(DataAccessException.class)
			.isNotInstanceOf(DuplicateKeyException.class);
		assertThat(this.orders.existing(List.of(valid.id(), overlong.id()))).isEmpty();
	}

	private static Order order(String userId, int quantity) {
		String orderId = "1-" + UUID.randomUUID().toString().replace("-", "");
		return Order.placed(new OrderReserved(orderId, 1L, 1L, userId, quantity, 1_999, Instant.now(), 900));
	}

	private static String suffix() {
		return UUID.randomUUID().toString().replace("-", "");
	}

}
