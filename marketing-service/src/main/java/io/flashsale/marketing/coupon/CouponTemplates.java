package io.flashsale.marketing.coupon;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/**
 * The {@code coupon_template} table. Each call is its own transaction; instants are UTC.
 */
@Mapper
interface CouponTemplates {

	/**
	 * In the order of {@link CouponTemplate}'s components, which MyBatis maps by
	 * position.
	 */
	String COLUMNS = """
			id, name, kind, currency, amount_off_cents, percent_off_bp, cap_cents, threshold_cents,
			minimum_spend_cents, scope, scope_ids, total_stock, per_user_limit, claim_starts_at, claim_ends_at,
			valid_from, valid_until, valid_days, created_by, created_at""";

	@Insert("""
			INSERT INTO coupon_template (name, kind, currency, amount_off_cents, percent_off_bp, cap_cents,
			  threshold_cents, minimum_spend_cents, scope, scope_ids, total_stock, per_user_limit, claim_starts_at,
			  claim_ends_at, valid_from, valid_until, valid_days, created_by, created_at)
			VALUES (#{t.name}, #{t.kind}, #{t.currency}, #{t.amountOffCents}, #{t.percentOffBasisPoints}, #{t.capCents},
			  #{t.thresholdCents}, #{t.minimumSpendCents}, #{t.scope}, #{t.scopeIds}, #{t.totalStock},
			  #{t.perUserLimit}, #{t.claimStartsAt}, #{t.claimEndsAt}, #{t.validFrom}, #{t.validUntil},
			  #{t.validDays}, #{t.createdBy}, #{t.createdAt})""")
	@Options(useGeneratedKeys = true, keyProperty = "key.id", keyColumn = "id")
	void insert(@Param("t") CouponTemplate template, @Param("key") GeneratedId key);

	/** Only for a template whose counters could not be prepared, before any claim. */
	@Delete("DELETE FROM coupon_template WHERE id = #{id}")
	void delete(long id);

	@Select("SELECT " + COLUMNS + " FROM coupon_template WHERE id = #{id}")
	Optional<CouponTemplate> findById(long id);

	@Select("<script>SELECT " + COLUMNS + """
			 FROM coupon_template WHERE id IN
			<foreach collection="ids" item="id" open="(" separator="," close=")">#{id}</foreach>
			</script>""")
	List<CouponTemplate> findAll(@Param("ids") Collection<Long> ids);

	/** Receives the generated id of an insert (a record cannot). */
	final class GeneratedId {

		private Long id;

		public Long getId() {
			return this.id;
		}

		public void setId(Long id) {
			this.id = id;
		}

	}

}
