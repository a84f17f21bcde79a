package io.flashsale.marketing.pricing;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/**
 * The {@code promotion} and {@code promotion_sku} tables; instants are UTC.
 */
@Mapper
interface Promotions {

	String COLUMNS = """
			id, name, kind, currency, shop_id, amount_off_minor, percent_off_basis_points, bundle_quantity,
			bundle_price_minor, threshold_minor, gift_sku_id, gift_quantity, starts_at, ends_at, ended_at,
			created_by, created_at""";

	@Insert("""
			INSERT INTO promotion (name, kind, currency, shop_id, amount_off_minor, percent_off_basis_points,
			  bundle_quantity, bundle_price_minor, threshold_minor, gift_sku_id, gift_quantity, starts_at, ends_at,
			  created_by, created_at)
			VALUES (#{request.name}, #{request.kind}, #{request.currency}, #{request.shopId}, #{request.amountOffMinor},
			  #{percentOffBasisPoints}, #{request.bundleQuantity}, #{request.bundlePriceMinor}, #{request.thresholdMinor},
			  #{request.giftSkuId}, #{request.giftQuantity}, #{request.startsAt}, #{request.endsAt}, #{createdBy},
			  #{createdAt})""")
	@Options(useGeneratedKeys = true, keyProperty = "id", keyColumn = "id")
	void insert(NewPromotion promotion);

	@Insert("""
			<script>
			INSERT INTO promotion_sku (promotion_id, sku_id) VALUES
			<foreach item="sku" collection="skuIds" separator=",">(#{promotionId}, #{sku})</foreach>
			</script>""")
	void insertSkus(@Param("promotionId") long promotionId, @Param("skuIds") Collection<Long> skuIds);

	@Select("SELECT " + COLUMNS + " FROM promotion WHERE id = #{id}")
	Optional<PromotionRow> findById(long id);

	/** Newest first. */
	@Select("SELECT " + COLUMNS + " FROM promotion ORDER BY id DESC LIMIT #{limit} OFFSET #{offset}")
	List<PromotionRow> findPage(@Param("offset") long offset, @Param("limit") int limit);

	/**
	 * Every promotion not ended at {@code now}, scheduled ones included: the engine's
	 * cache.
	 */
	@Select("SELECT " + COLUMNS + " FROM promotion WHERE ends_at > #{now} ORDER BY id")
	List<PromotionRow> findNotEnded(Instant now);

	@Select("""
			<script>
			SELECT promotion_id, sku_id FROM promotion_sku WHERE promotion_id IN
			<foreach item="id" collection="ids" open="(" separator="," close=")">#{id}</foreach>
			ORDER BY promotion_id, sku_id
			</script>""")
	List<PromotionSku> findSkus(@Param("ids") Collection<Long> ids);

	/**
	 * Ends a promotion now: its window closes at {@code now} unless it closed earlier.
	 * @return 1 if ended, 0 if unknown or already ended
	 */
	@Update("""
			UPDATE promotion SET ends_at = LEAST(ends_at, GREATEST(starts_at, #{now})), ended_at = #{now}
			WHERE id = #{id} AND ended_at IS NULL""")
	int end(@Param("id") long id, @Param("now") Instant now);

}
