package io.flashsale.order.orders;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

import io.flashsale.platform.persistence.NonCore;

/**
 * The orders table. Inserts are idempotent by order id, so a redelivered batch writes
 * nothing twice. Status changes are conditional on PENDING_PAYMENT and return the rows
 * they changed: 1 for the one caller that won, 0 for everyone else.
 */
@Mapper
public interface Orders {

	/** In the order of {@link Order}'s components, which MyBatis maps by position. */
	String COLUMNS = "id, user_id, flash_sale_id, sku_id, quantity, unit_price_cents, total_cents, status, "
			+ "payment_id, paid_at, cancel_reason, cancelled_at, pay_deadline, created_at";

	/**
	 * Inserts new orders; an order whose id is present already is left as it is, so a
	 * redelivered batch writes nothing twice. Only that duplicate is tolerated: any other
	 * error (a user id longer than its column, in strict mode) fails the whole statement
	 * instead of storing a truncated row its owner could never see.
	 * @return one per order written, and one per order found present already (the driver
	 * counts found rows, as the dev stack and the services connect); the writer passes
	 * only orders it did not find, so a found one is one another writer inserted
	 * meanwhile
	 */
	@Insert("""
			<script>
			INSERT INTO orders (id, user_id, flash_sale_id, sku_id, quantity, unit_price_cents, total_cents,
			    status, pay_deadline, created_at, updated_at)
			VALUES
			<foreach collection="orders" item="o" separator=",">
			(#{o.id}, #{o.userId}, #{o.flashSaleId}, #{o.skuId}, #{o.quantity}, #{o.unitPriceCents}, #{o.totalCents},
			 #{o.status}, #{o.payDeadline}, #{o.createdAt}, #{o.createdAt})
			</foreach>
			ON DUPLICATE KEY UPDATE id = id
			</script>""")
	int insertAll(@Param("orders") List<Order> orders);

	@Select("""
			<script>
			SELECT id FROM orders WHERE id IN
			<foreach collection="ids" item="id" open="(" separator="," close=")">#{id}</foreach>
			</script>""")
	List<String> existing(@Param("ids") Collection<String> ids);

	@Select("SELECT " + COLUMNS + " FROM orders WHERE id = #{id}")
	Optional<Order> find(String id);

	/** The row as last committed, locked until the transaction ends. */
	@Select("SELECT " + COLUMNS + " FROM orders WHERE id = #{id} FOR UPDATE")
	Optional<Order> findForUpdate(String id);

	/**
	 * PENDING_PAYMENT → PAID, only when the amount is the order's total.
	 * @return 1 if this call made the order paid, 0 otherwise
	 */
	@Update("UPDATE orders SET status = 'PAID', payment_id = #{paymentId}, paid_at = #{paidAt}, "
			+ "updated_at = #{paidAt}, version = version + 1 "
			+ "WHERE id = #{id} AND status = 'PENDING_PAYMENT' AND total_cents = #{amountCents}")
	int markPaid(@Param("id") String id, @Param("paymentId") String paymentId, @Param("amountCents") long amountCents,
			@Param("paidAt") Instant paidAt);

	/**
	 * PENDING_PAYMENT → CANCELLED.
	 * @return 1 if this call cancelled the order, 0 otherwise
	 */
	@Update("UPDATE orders SET status = 'CANCELLED', cancel_reason = #{reason}, cancelled_at = #{cancelledAt}, "
			+ "updated_at = #{cancelledAt}, version = version + 1 WHERE id = #{id} AND status = 'PENDING_PAYMENT'")
	int markCancelled(@Param("id") String id, @Param("reason") String reason,
			@Param("cancelledAt") Instant cancelledAt);

	/** Unpaid orders whose deadline is before the cutoff, earliest first. */
	@Select("SELECT id FROM orders WHERE status = 'PENDING_PAYMENT' AND pay_deadline < #{cutoff} "
			+ "ORDER BY pay_deadline LIMIT #{limit}")
	List<String> overdue(@Param("cutoff") Instant cutoff, @Param("limit") int limit);

	/** The shopper's order list: non-core, shed by the slow-SQL guard. */
	@NonCore
	@Select("SELECT " + COLUMNS + " FROM orders WHERE user_id = #{userId} "
			+ "ORDER BY created_at DESC, id DESC LIMIT #{limit} OFFSET #{offset}")
	List<Order> findByUser(@Param("userId") String userId, @Param("limit") int limit, @Param("offset") long offset);

	@NonCore
	@Select("SELECT COUNT(*) FROM orders WHERE user_id = #{userId}")
	long countByUser(String userId);

	/**
	 * Reconciliation's reads: non-core (a report; the counters are repaired without
	 * them).
	 */
	@NonCore
	@Select("SELECT status, COUNT(*) AS orders, COALESCE(SUM(quantity), 0) AS quantity "
			+ "FROM orders WHERE flash_sale_id = #{flashSaleId} GROUP BY status")
	List<StatusTotal> totalsBySale(long flashSaleId);

	@Select("SELECT " + COLUMNS + " FROM orders WHERE flash_sale_id = #{flashSaleId} "
			+ "AND status IN ('PENDING_PAYMENT', 'PAID') ORDER BY created_at")
	List<Order> holdingStock(long flashSaleId);

	@NonCore
	@Select("SELECT id, status, cancelled_at FROM orders WHERE flash_sale_id = #{flashSaleId}")
	List<OrderState> statesBySale(long flashSaleId);

	/**
	 * Orders and units of one status in one sale.
	 *
	 * @param status the status
	 * @param orders how many orders
	 * @param quantity how many units
	 */
	record StatusTotal(OrderStatus status, long orders, long quantity) {

	}

	/**
	 * Where one order of a sale is.
	 *
	 * @param id the order
	 * @param status its status
	 * @param cancelledAt when it was cancelled, or null
	 */
	record OrderState(String id, OrderStatus status, Instant cancelledAt) {

	}

}
