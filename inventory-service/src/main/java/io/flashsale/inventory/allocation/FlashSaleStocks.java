package io.flashsale.inventory.allocation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/**
 * The {@code flash_sale_stock} table. {@code allocated} never changes once written;
 * {@code remaining} falls by placed orders ({@link #applyOrders}, {@link #applyOrder})
 * and rises by cancelled ones ({@link #returnOrder}), each a conditional update that
 * keeps it within {@code [0, allocated]}.
 */
@Mapper
public interface FlashSaleStocks {

	/** The columns of {@link FlashSaleStock}, mapped by name onto its components. */
	String COLUMNS = "flash_sale_id, sku_id, allocated, remaining, orders_applied, starts_at, ends_at, per_user_limit, "
			+ "scheduled_at, warmed_at";

	/**
	 * Writes a new allocation with {@code remaining = allocated}.
	 * @throws org.springframework.dao.DuplicateKeyException if the sale has one already
	 */
	@Insert("INSERT INTO flash_sale_stock (flash_sale_id, sku_id, allocated, remaining, orders_applied, allocated_at) "
			+ "VALUES (#{flashSaleId}, #{skuId}, #{quantity}, #{quantity}, 0, #{now})")
	void insert(@Param("flashSaleId") long flashSaleId, @Param("skuId") long skuId, @Param("quantity") int quantity,
			@Param("now") Instant now);

	@Select("SELECT " + COLUMNS + " FROM flash_sale_stock WHERE flash_sale_id = #{flashSaleId}")
	Optional<FlashSaleStock> find(long flashSaleId);

	/**
	 * Stores a sale's window and limit unless a newer schedule was stored already.
	 * @return 1 if stored, 0 if the sale is unknown or its stored schedule is newer
	 */
	@Update("UPDATE flash_sale_stock SET starts_at = #{startsAt}, ends_at = #{endsAt}, per_user_limit = #{perUserLimit}, "
			+ "scheduled_at = #{scheduledAt} WHERE flash_sale_id = #{flashSaleId} "
			+ "AND (scheduled_at IS NULL OR scheduled_at <= #{scheduledAt})")
	int schedule(@Param("flashSaleId") long flashSaleId, @Param("startsAt") Instant startsAt,
			@Param("endsAt") Instant endsAt, @Param("perUserLimit") int perUserLimit,
			@Param("scheduledAt") Instant scheduledAt);

	/**
	 * Sales the scheduled warmer may warm: window known, never warmed, no order applied,
	 * not over, and starting before {@code horizon}.
	 */
	@Select("SELECT " + COLUMNS + " FROM flash_sale_stock WHERE warmed_at IS NULL AND orders_applied = 0 "
			+ "AND starts_at IS NOT NULL AND ends_at IS NOT NULL AND per_user_limit IS NOT NULL "
			+ "AND starts_at <= #{horizon} AND ends_at > #{now} ORDER BY starts_at LIMIT #{limit}")
	List<FlashSaleStock> dueForWarmUp(@Param("now") Instant now, @Param("horizon") Instant horizon,
			@Param("limit") int limit);

	/**
	 * Records that the sale's counters exist.
	 * @return 1 the first time, 0 if it was marked before
	 */
	@Update("UPDATE flash_sale_stock SET warmed_at = #{now} WHERE flash_sale_id = #{flashSaleId} AND warmed_at IS NULL")
	int markWarmed(@Param("flashSaleId") long flashSaleId, @Param("now") Instant now);

	/**
	 * Takes a placed order's units off a sale's remaining stock.
	 * @return 1 if taken, 0 if the sale is unknown or has fewer units left (a breach of
	 * the stock invariant: Redis sold units the database does not have)
	 */
	@Update("UPDATE flash_sale_stock SET remaining = remaining - #{quantity}, orders_applied = orders_applied + 1 "
			+ "WHERE flash_sale_id = #{flashSaleId} AND remaining >= #{quantity}")
	int applyOrder(@Param("flashSaleId") long flashSaleId, @Param("quantity") int quantity);

	/**
	 * Takes several placed orders' units off a sale's remaining stock at once, all or
	 * none.
	 * @param units the orders' units together
	 * @param orders how many orders they are
	 * @return 1 if taken, 0 if the sale is unknown or has fewer units left than all of
	 * them hold (then {@link #applyOrder} tells which of them fit)
	 */
	@Update("UPDATE flash_sale_stock SET remaining = remaining - #{units}, orders_applied = orders_applied + #{orders} "
			+ "WHERE flash_sale_id = #{flashSaleId} AND remaining >= #{units}")
	int applyOrders(@Param("flashSaleId") long flashSaleId, @Param("units") long units, @Param("orders") int orders);

	/**
	 * Gives a cancelled order's units back to a sale's remaining stock.
	 * @return 1 if returned, 0 if the sale is unknown or the units would lift remaining
	 * above the allocation (a breach: they were never taken)
	 */
	@Update("UPDATE flash_sale_stock SET remaining = remaining + #{quantity} "
			+ "WHERE flash_sale_id = #{flashSaleId} AND remaining + #{quantity} <= allocated")
	int returnOrder(@Param("flashSaleId") long flashSaleId, @Param("quantity") int quantity);

}
