package io.flashsale.inventory.orders;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.flashsale.inventory.InventoryIntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code order_stock} inserts on real MariaDB: a duplicate order is the only error taken
 * as "recorded before"; any other fails loudly.
 */
@InventoryIntegrationTest
class OrderStocksIntegrationTests {

	@Autowired
	OrderStocks orderStocks;

	@Test
	void recordsAnOrderOnceAndAnswersZeroForItsDuplicate() {
		String orderId = "1-" + UUID.randomUUID().toString().replace("-", "");
		assertThat(this.orderStocks.insertApplied(orderId, 1L, 3, Instant.now())).isEqualTo(1);
		assertThat(this.orderStocks.insertApplied(orderId, 1L, 5, Instant.now())).isZero();
		assertThat(this.orderStocks.find(orderId)).hasValueSatisfying((row) -> assertThat(row.quantity()).isEqualTo(3));
	}

	/**
	 * A 65-character order id (the column holds 64) is refused with an error, not stored
	 * truncated to 64 characters.
	 */
	@Test
	void refusesAnOverlongOrderIdInsteadOfTruncatingIt() {
		String orderId = "1-" + "0".repeat(62) + UUID.randomUUID().toString().substring(0, 1);
		assertThatThrownBy(() -> this.orderStocks.insertApplied(orderId, 1L, 3, Instant.now()))
			.isInstanceOf(DataAccessException.class)
			.isNotInstanceOf(DuplicateKeyException.class);
		assertThat(this.orderStocks.find(orderId.substring(0, 64))).isEmpty();
	}

}
