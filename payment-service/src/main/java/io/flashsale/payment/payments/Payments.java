package io.flashsale.payment.payments;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

import io.flashsale.platform.persistence.NonCore;

/**
 * The payments table. Every status change is {@link #transition}: a compare-and-set on
 * the status the caller read, so of two racers exactly one wins.
 */
@Mapper
public interface Payments {

	String COLUMNS = "id, order_id, user_id, channel, amount_cents, status, trade_no, pay_url, failure_reason, "
			+ "refund_reason, refund_id, created_at, updated_at, succeeded_at, refunded_at";

	/**
	 * Inserts a CREATED payment holding the (order, channel) open slot.
	 * @throws org.springframework.dao.DuplicateKeyException when the order already has an
	 * open payment at the channel
	 */
	@Insert("INSERT INTO payments (id, order_id, user_id, channel, amount_cents, status, active_key, created_at, "
			+ "updated_at) VALUES (#{id}, #{orderId}, #{userId}, #{channel}, #{amountCents}, 'CREATED', "
			+ "CONCAT(#{orderId}, ':', #{channel}), #{createdAt}, #{createdAt})")
	void insert(Payment payment);

	@Select("SELECT " + COLUMNS + " FROM payments WHERE id = #{id}")
	Optional<Payment> find(String id);

	/** Reads a payment and locks its row until the transaction ends. */
	@Select("SELECT " + COLUMNS + " FROM payments WHERE id = #{id} FOR UPDATE")
	Optional<Payment> lock(String id);

	@Select("SELECT " + COLUMNS + " FROM payments WHERE channel = #{channel} AND trade_no = #{tradeNo}")
	Optional<Payment> findByTrade(@Param("channel") String channel, @Param("tradeNo") String tradeNo);

	@Select("SELECT " + COLUMNS + " FROM payments WHERE active_key = CONCAT(#{orderId}, ':', #{channel})")
	Optional<Payment> findOpen(@Param("orderId") String orderId, @Param("channel") String channel);

	@Select("SELECT " + COLUMNS + " FROM payments WHERE order_id = #{orderId} ORDER BY created_at, id")
	List<Payment> findByOrder(String orderId);

	@Select("SELECT " + COLUMNS + " FROM payments WHERE status = #{status} AND updated_at < #{before} "
			+ "ORDER BY updated_at LIMIT #{limit}")
	List<Payment> findInStatusSince(@Param("status") PaymentStatus status, @Param("before") Instant before,
			@Param("limit") int limit);

	/** Statement reconciliation's read: non-core, shed by the slow-SQL guard. */
	@NonCore
	@Select("SELECT " + COLUMNS + " FROM payments WHERE channel = #{channel} AND created_at >= #{from} "
			+ "AND created_at < #{to} ORDER BY created_at")
	List<Payment> findByChannelCreated(@Param("channel") String channel, @Param("from") Instant from,
			@Param("to") Instant to);

	/**
	 * Moves a payment from the status the caller read to the next one. Leaving CREATED or
	 * PAYING frees the order's open slot at the channel. Fields given as null keep their
	 * value.
	 * @return 1 if the payment was still in {@code from}, else 0
	 */
	@Update("""
			UPDATE payments SET status = #{to}, updated_at = #{at},
			    active_key = CASE WHEN #{to} IN ('CREATED', 'PAYING') THEN active_key ELSE NULL END,
			    trade_no = COALESCE(#{tradeNo}, trade_no), pay_url = COALESCE(#{payUrl}, pay_url),
			    failure_reason = COALESCE(#{failureReason}, failure_reason),
			    refund_reason = COALESCE(#{refundReason}, refund_reason),
			    refund_id = COALESCE(#{refundId}, refund_id),
			    succeeded_at = COALESCE(#{succeededAt}, succeeded_at),
			    refunded_at = COALESCE(#{refundedAt}, refunded_at)
			WHERE id = #{id} AND status = #{from}""")
	int transition(Transition transition);

	/**
	 * One compare-and-set on a payment's status and the facts learnt with it.
	 *
	 * @param id the payment
	 * @param from the status the caller read
	 * @param to the new status
	 * @param at when the transition happens
	 * @param tradeNo the channel's trade number, when opened
	 * @param payUrl the pay URL, when opened
	 * @param failureReason why, when failing
	 * @param refundReason why, when refunding
	 * @param refundId the refund id, when refunding
	 * @param succeededAt when the channel took the money
	 * @param refundedAt when the channel returned it
	 */
	record Transition(String id, PaymentStatus from, PaymentStatus to, Instant at, String tradeNo, String payUrl,
			String failureReason, String refundReason, String refundId, Instant succeededAt, Instant refundedAt) {

		static Transition of(Payment payment, PaymentStatus to, Instant at) {
			return new Transition(payment.id(), payment.status(), to, at, null, null, null, null, null, null, null);
		}

		Transition opened(String tradeNo, String payUrl) {
			return new Transition(this.id, this.from, this.to, this.at, tradeNo, payUrl, this.failureReason,
					this.refundReason, this.refundId, this.succeededAt, this.refundedAt);
		}

		Transition failed(String reason) {
			return new Transition(this.id, this.from, this.to, this.at, this.tradeNo, this.payUrl, reason,
					this.refundReason, this.refundId, this.succeededAt, this.refundedAt);
		}

		Transition refunding(String reason, String refundId) {
			return new Transition(this.id, this.from, this.to, this.at, this.tradeNo, this.payUrl, this.failureReason,
					reason, refundId, this.succeededAt, this.refundedAt);
		}

		Transition succeeded(Instant when) {
			return new Transition(this.id, this.from, this.to, this.at, this.tradeNo, this.payUrl, this.failureReason,
					this.refundReason, this.refundId, when, this.refundedAt);
		}

		Transition refunded(Instant when) {
			return new Transition(this.id, this.from, this.to, this.at, this.tradeNo, this.payUrl, this.failureReason,
					this.refundReason, this.refundId, this.succeededAt, when);
		}

	}

}
