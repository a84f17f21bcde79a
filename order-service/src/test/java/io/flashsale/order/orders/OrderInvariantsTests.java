package io.flashsale.order.orders;

import java.math.BigInteger;
import java.time.Instant;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import io.flashsale.contracts.order.OrderReserved;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariants of the order aggregate and its ids, for every value within the limits the
 * services accept: a quantity of 1 to 1,000 (checkout's {@code PlaceOrder}) and a unit
 * price of 1 to 10⁹ minor units (marketing's {@code CreateFlashSale}).
 */
class OrderInvariantsTests {

	@Property
	void totalIsQuantityTimesUnitPriceWithoutOverflow(@ForAll @IntRange(min = 1, max = 1_000) int quantity,
			@ForAll @LongRange(min = 1, max = 1_000_000_000L) long unitPriceCents) {
		Order order = Order
			.placed(new OrderReserved(OrderIds.next(1), 1, 1, "alice", quantity, unitPriceCents, Instant.EPOCH, 900));

		assertThat(BigInteger.valueOf(order.totalCents()))
			.isEqualTo(BigInteger.valueOf(quantity).multiply(BigInteger.valueOf(unitPriceCents)));
		assertThat(order.placedEvent().totalCents()).isEqualTo(order.totalCents());
	}

	@Property
	void anOrderIdNamesItsFlashSale(@ForAll @LongRange(min = 1, max = 999_999_999_999_999_999L) long flashSaleId) {
		assertThat(OrderIds.flashSaleOf(OrderIds.next(flashSaleId))).hasValue(flashSaleId);
	}

	/**
	 * Ids carry at most 18 digits of sale id, so a sale id of 10¹⁸ or more yields an
	 * order id this service refuses (sale ids are database sequence numbers, far below).
	 */
	@Property
	void anOrderIdOfASaleIdBeyond18DigitsIsRefused(
			@ForAll @LongRange(min = 1_000_000_000_000_000_000L, max = Long.MAX_VALUE) long flashSaleId) {
		assertThat(OrderIds.flashSaleOf(OrderIds.next(flashSaleId))).isEmpty();
	}

}
