package io.flashsale.marketing.flashsale;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

import io.flashsale.platform.persistence.NonCore;

/**
 * The {@code flash_sale} table. Each call is its own transaction; instants are UTC.
 */
@Mapper
interface FlashSales {

	String COLUMNS = """
			id, sku_id, title, price_cents, stock, per_user_limit, starts_at, ends_at, pay_timeout_seconds,
			status, rejection, created_by, idempotency_key, request_hash, created_at, updated_at""";

	/**
	 * Inserts a DRAFT and sets its generated id.
	 * @throws org.springframework.dao.DuplicateKeyException when the creator already used
	 * the sale's idempotency key
	 */
	@Insert("""
			INSERT INTO flash_sale (sku_id, title, price_cents, stock, per_user_limit, starts_at, ends_at,
			  pay_timeout_seconds, status, created_by, idempotency_key, request_hash, created_at, updated_at)
			VALUES (#{skuId}, #{title}, #{priceCents}, #{stock}, #{perUserLimit}, #{startsAt}, #{endsAt},
			  #{payTimeoutSeconds}, #{status}, #{createdBy}, #{idempotencyKey}, #{requestHash}, #{createdAt}, #{updatedAt})""")
	@Options(useGeneratedKeys = true, keyProperty = "id", keyColumn = "id")
	void insert(FlashSale sale);

	/**
	 * Stores a transition made on the aggregate, only if the row is still in the state it
	 * left: two requests racing on one sale cannot both move it.
	 * @return 1 if stored, 0 if the row had moved on
	 */
	@Update("""
			UPDATE flash_sale SET status = #{sale.status}, rejection = #{sale.rejection}, updated_at = #{sale.updatedAt}
			WHERE id = #{sale.id} AND status = #{from}""")
	int transition(@Param("sale") FlashSale sale, @Param("from") FlashSaleStatus from);

	@Select("SELECT " + COLUMNS + " FROM flash_sale WHERE id = #{id}")
	Optional<FlashSale> findById(long id);

	@Select("SELECT " + COLUMNS
			+ " FROM flash_sale WHERE created_by = #{createdBy} AND idempotency_key = #{idempotencyKey}")
	Optional<FlashSale> findByIdempotencyKey(@Param("createdBy") String createdBy,
			@Param("idempotencyKey") String idempotencyKey);

	/**
	 * Scheduled sales not ended at {@code now}, by start (then id, for a stable order).
	 */
	/** The shoppers' listing: non-core, shed by the slow-SQL guard. */
	@NonCore
	@Select("SELECT " + COLUMNS + """
			 FROM flash_sale WHERE status = 'SCHEDULED' AND ends_at > #{now}
			ORDER BY starts_at, id LIMIT #{limit} OFFSET #{offset}""")
	List<FlashSale> findUpcoming(@Param("now") Instant now, @Param("offset") long offset, @Param("limit") int limit);

	/** Every scheduled sale not ended at {@code now}: the republisher's round. */
	@Select("SELECT " + COLUMNS + " FROM flash_sale WHERE status = 'SCHEDULED' AND ends_at > #{now} ORDER BY id")
	List<FlashSale> findAllUpcoming(@Param("now") Instant now);

}
