package io.flashsale.order.orders;

import java.util.List;
import java.util.Optional;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/**
 * The orders table. Inserts are idempotent by order id, so a redelivered batch writes
 * nothing twice.
 */
@Mapper
public interface Orders {

	String COLUMNS = "id, user_id, flash_sale_id, sku_id, quantity, unit_price_cents, total_cents, status, "
			+ "pay_deadline, created_at";

	@Insert("""
			<script>
			INSERT IGNORE INTO orders (id, user_id, flash_sale_id, sku_id, quantity, unit_price_cents, total_cents,
			    status, pay_deadline, created_at, updated_at)
			VALUES
			<foreach collection="orders" item="o" separator=",">
			(#{o.id}, #{o.userId}, #{o.flashSaleId}, #{o.skuId}, #{o.quantity}, #{o.unitPriceCents}, #{o.totalCents},
			 #{o.status}, #{o.payDeadline}, #{o.createdAt}, #{o.createdAt})
			</foreach>
			</script>""")
	int insertAll(@Param("orders") List<Order> orders);

	@Select("SELECT " + COLUMNS + " FROM orders WHERE id = #{id}")
	Optional<Order> find(String id);

	@Select("SELECT " + COLUMNS + " FROM orders WHERE user_id = #{userId} "
			+ "ORDER BY created_at DESC, id DESC LIMIT #{limit} OFFSET #{offset}")
	List<Order> findByUser(@Param("userId") String userId, @Param("limit") int limit, @Param("offset") long offset);

	@Select("SELECT COUNT(*) FROM orders WHERE user_id = #{userId}")
	long countByUser(String userId);

	@Select("SELECT status, COUNT(*) AS orders, COALESCE(SUM(quantity), 0) AS quantity "
			+ "FROM orders WHERE flash_sale_id = #{flashSaleId} GROUP BY status")
	List<StatusTotal> totalsBySale(long flashSaleId);

	@Select("SELECT " + COLUMNS + " FROM orders WHERE flash_sale_id = #{flashSaleId} "
			+ "AND status IN ('PENDING_PAYMENT', 'PAID') ORDER BY created_at")
	List<Order> holdingStock(long flashSaleId);

	@Select("SELECT id FROM orders WHERE flash_sale_id = #{flashSaleId}")
	List<String> idsBySale(long flashSaleId);

	/**
	 * Orders and units of one status in one sale.
	 *
	 * @param status the status
	 * @param orders how many orders
	 * @param quantity how many units
	 */
	record StatusTotal(OrderStatus status, long orders, long quantity) {

	}

}
