package io.flashsale.marketing.coupon;

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
 * The {@code coupon} table. Inserts are idempotent by coupon id. Lifecycle moves are
 * conditional on the state they leave and on the order, and return the rows they changed:
 * 1 for the one caller that moved it, 0 for a repeat, a foreign order or a coupon in
 * another state.
 */
@Mapper
interface Coupons {

	/** In the order of {@link Coupon}'s components, which MyBatis maps by position. */
	String COLUMNS = "id, template_id, user_id, state, order_id, claimed_at, valid_from, valid_until, updated_at";

	/**
	 * Inserts issued coupons; one whose id is present already is left as it is, so a
	 * redelivered batch issues nothing twice.
	 */
	@Insert("""
			<script>
			INSERT INTO coupon (id, template_id, user_id, state, order_id, claimed_at, valid_from, valid_until,
			    updated_at)
			VALUES
			<foreach collection="coupons" item="c" separator=",">
			(#{c.id}, #{c.templateId}, #{c.userId}, #{c.state}, #{c.orderId}, #{c.claimedAt}, #{c.validFrom},
			 #{c.validUntil}, #{c.updatedAt})
			</foreach>
			ON DUPLICATE KEY UPDATE id = id
			</script>""")
	int insertAll(@Param("coupons") List<Coupon> coupons);

	@Select("SELECT " + COLUMNS + " FROM coupon WHERE id = #{id}")
	Optional<Coupon> find(String id);

	/**
	 * A shopper's coupons in one shown state, newest claim first. EXPIRED and UNUSED
	 * split the stored UNUSED by validity at {@code now}; no state: all.
	 */
	@NonCore
	@Select("<script>SELECT " + COLUMNS
			+ """
					 FROM coupon WHERE user_id = #{userId}
					<choose>
					  <when test="state != null and state.name() == 'UNUSED'">AND state = 'UNUSED' AND valid_until &gt; #{now}</when>
					  <when test="state != null and state.name() == 'EXPIRED'">AND state = 'UNUSED' AND valid_until &lt;= #{now}</when>
					  <when test="state != null">AND state = #{state}</when>
					</choose>
					ORDER BY claimed_at DESC, id LIMIT #{limit} OFFSET #{offset}
					</script>""")
	List<Coupon> findMine(@Param("userId") String userId, @Param("state") CouponState state, @Param("now") Instant now,
			@Param("offset") long offset, @Param("limit") int limit);

	/**
	 * The price engine's read: the shopper's coupons among the ids, unused and valid at
	 * {@code at}.
	 */
	@Select("<script>SELECT " + COLUMNS + """
			 FROM coupon WHERE user_id = #{userId} AND state = 'UNUSED' AND valid_from &lt;= #{at}
			  AND valid_until &gt; #{at} AND id IN
			<foreach collection="ids" item="id" open="(" separator="," close=")">#{id}</foreach>
			</script>""")
	List<Coupon> findUsable(@Param("userId") String userId, @Param("ids") Collection<String> ids,
			@Param("at") Instant at);

	/** UNUSED → LOCKED to the order, only the holder's and only within validity. */
	@Update("""
			UPDATE coupon SET state = 'LOCKED', order_id = #{orderId}, updated_at = #{at}
			WHERE id = #{id} AND user_id = #{userId} AND state = 'UNUSED' AND valid_from <= #{at}
			  AND valid_until > #{at}""")
	int lock(@Param("id") String id, @Param("userId") String userId, @Param("orderId") String orderId,
			@Param("at") Instant at);

	/** LOCKED to the order → USED. */
	@Update("""
			UPDATE coupon SET state = 'USED', updated_at = #{at}
			WHERE id = #{id} AND state = 'LOCKED' AND order_id = #{orderId}""")
	int use(@Param("id") String id, @Param("orderId") String orderId, @Param("at") Instant at);

	/** LOCKED to the order → UNUSED. */
	@Update("""
			UPDATE coupon SET state = 'UNUSED', order_id = NULL, updated_at = #{at}
			WHERE id = #{id} AND state = 'LOCKED' AND order_id = #{orderId}""")
	int release(@Param("id") String id, @Param("orderId") String orderId, @Param("at") Instant at);

	/** Coupons locked to an order, for releasing them when it is cancelled. */
	@Select("SELECT id FROM coupon WHERE order_id = #{orderId} AND state = 'LOCKED'")
	List<String> lockedTo(String orderId);

}
