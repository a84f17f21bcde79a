package io.flashsale.inventory.orders;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

import io.flashsale.contracts.order.OrderPlaced;

import org.springframework.dao.DuplicateKeyException;

/**
 * The {@code order_stock} table: what each applied order took off its sale's database
 * stock, and whether its cancellation gave it back.
 */
@Mapper
interface OrderStocks {

	/**
	 * Records that an order takes its units, unless its cancellation came first. Only the
	 * primary key's duplicate counts as "has a row already"; any other error (an order id
	 * longer than its column, in strict mode) fails the call.
	 * @return 1 if recorded, 0 if the order has a row already (cancelled before it was
	 * placed)
	 */
	default int insertApplied(String orderId, long flashSaleId, int quantity, Instant now) {
		try {
			return insertAppliedRow(orderId, flashSaleId, quantity, now);
		}
		catch (DuplicateKeyException ex) {
			// Only the statement is undone; the caller's transaction goes on.
			return 0;
		}
	}

	/**
	 * Inserts the row; use {@link #insertApplied}.
	 * @throws DuplicateKeyException when the order has a row already
	 */
	@Insert("INSERT INTO order_stock (order_id, flash_sale_id, quantity, applied_at) "
			+ "VALUES (#{orderId}, #{flashSaleId}, #{quantity}, #{now})")
	int insertAppliedRow(@Param("orderId") String orderId, @Param("flashSaleId") long flashSaleId,
			@Param("quantity") int quantity, @Param("now") Instant now);

	/**
	 * Records that orders take their units, except those whose cancellation came first,
	 * in two statements: a read of the rows present, and one insert of the others. The
	 * read is only a shortcut: should a row appear after this transaction's snapshot (a
	 * cancellation committed meanwhile), the insert fails with the primary key's
	 * duplicate, InnoDB undoes it whole, and the orders are recorded one by one with
	 * {@link #insertApplied}.
	 * @param orders distinct orders, in the order their rows are to be locked
	 * @return the orders recorded, in the given order; the others have a row already
	 * (cancelled before they were placed)
	 */
	default List<OrderPlaced> insertAllApplied(List<OrderPlaced> orders, Instant now) {
		if (orders.isEmpty()) {
			return List.of();
		}
		Set<String> present = new HashSet<>(presentAmong(orders.stream().map(OrderPlaced::orderId).toList()));
		List<OrderPlaced> fresh = orders.stream().filter((order) -> !present.contains(order.orderId())).toList();
		if (fresh.isEmpty()) {
			return fresh;
		}
		try {
			insertAppliedRows(fresh, now);
			return fresh;
		}
		catch (DuplicateKeyException ex) {
			// Only the statement is undone; the caller's transaction goes on.
			return fresh.stream()
				.filter((order) -> insertApplied(order.orderId(), order.flashSaleId(), order.quantity(), now) == 1)
				.toList();
		}
	}

	/** The orders among {@code orderIds} that have a row, as this transaction sees it. */
	@Select("""
			<script>
			SELECT order_id FROM order_stock WHERE order_id IN
			<foreach collection="orderIds" item="id" open="(" separator="," close=")">#{id}</foreach>
			</script>""")
	List<String> presentAmong(@Param("orderIds") Collection<String> orderIds);

	/**
	 * Inserts the rows in one statement, in the given order; use
	 * {@link #insertAllApplied}.
	 * @throws DuplicateKeyException when one of the orders has a row already (none is
	 * then inserted)
	 */
	@Insert("""
			<script>
			INSERT INTO order_stock (order_id, flash_sale_id, quantity, applied_at) VALUES
			<foreach collection="orders" item="o" separator=",">(#{o.orderId}, #{o.flashSaleId}, #{o.quantity}, #{now})</foreach>
			</script>""")
	int insertAppliedRows(@Param("orders") List<OrderPlaced> orders, @Param("now") Instant now);

	/** Drops the rows of orders that could not take their units after all. */
	@Delete("""
			<script>
			DELETE FROM order_stock WHERE returned_at IS NULL AND order_id IN
			<foreach collection="orderIds" item="id" open="(" separator="," close=")">#{id}</foreach>
			</script>""")
	int deleteAll(@Param("orderIds") Collection<String> orderIds);

	/**
	 * Records a cancellation that arrived before its order was placed, so the late
	 * {@code OrderPlaced} takes nothing.
	 */
	@Insert("INSERT INTO order_stock (order_id, flash_sale_id, quantity, returned_at) "
			+ "VALUES (#{orderId}, #{flashSaleId}, #{quantity}, #{now})")
	void insertCancelledFirst(@Param("orderId") String orderId, @Param("flashSaleId") long flashSaleId,
			@Param("quantity") int quantity, @Param("now") Instant now);

	@Select("SELECT order_id, flash_sale_id, quantity, applied_at, returned_at FROM order_stock "
			+ "WHERE order_id = #{orderId}")
	Optional<OrderStock> find(String orderId);

	/**
	 * Reads an order's row and locks it until the transaction ends, so what it says about
	 * {@code returned_at} holds while the units are returned.
	 */
	@Select("SELECT order_id, flash_sale_id, quantity, applied_at, returned_at FROM order_stock "
			+ "WHERE order_id = #{orderId} FOR UPDATE")
	Optional<OrderStock> lock(String orderId);

	/**
	 * Marks an applied order's units as returned.
	 * @return 1 the first time, 0 if they were returned before or the order was never
	 * applied
	 */
	@Update("UPDATE order_stock SET returned_at = #{now} WHERE order_id = #{orderId} AND returned_at IS NULL")
	int markReturned(@Param("orderId") String orderId, @Param("now") Instant now);

	/**
	 * Units of a sale's applied orders that were returned; for reconciliation and tests.
	 */
	@Select("SELECT COALESCE(SUM(quantity), 0) FROM order_stock WHERE flash_sale_id = #{flashSaleId} "
			+ "AND returned_at IS NOT NULL")
	long returnedUnits(long flashSaleId);

	/**
	 * A row of {@code order_stock}.
	 *
	 * @param orderId the order
	 * @param flashSaleId its sale
	 * @param quantity units it took off the sale's stock
	 * @param appliedAt when its {@code OrderPlaced} took them; null when its cancellation
	 * came first and it takes nothing
	 * @param returnedAt when its cancellation returned them, null before
	 */
	record OrderStock(String orderId, long flashSaleId, int quantity, Instant appliedAt, Instant returnedAt) {

		boolean applied() {
			return this.appliedAt != null;
		}

	}

}
