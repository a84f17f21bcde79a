package io.flashsale.paymentsandbox;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/**
 * The sandbox wallets' trades. Every state change is conditional on the current state. A
 * MyBatis mapper that {@link PaymentSandboxAutoConfiguration} registers.
 */
interface SandboxTrades {

	String COLUMNS = "channel, trade_no, merchant_ref, order_id, amount_cents, status, refund_id, created_at, "
			+ "paid_at, refunded_at";

	/**
	 * @throws org.springframework.dao.DuplicateKeyException for a reused merchant
	 * reference
	 */
	@Insert("INSERT INTO sandbox_trades (" + COLUMNS + ") VALUES (#{channel}, #{tradeNo}, #{merchantRef}, "
			+ "#{orderId}, #{amountCents}, #{status}, NULL, #{createdAt}, NULL, NULL)")
	void insert(SandboxTrade trade);

	@Select("SELECT " + COLUMNS + " FROM sandbox_trades WHERE channel = #{channel} AND trade_no = #{tradeNo}")
	Optional<SandboxTrade> find(@Param("channel") String channel, @Param("tradeNo") String tradeNo);

	@Select("SELECT " + COLUMNS + " FROM sandbox_trades WHERE channel = #{channel} AND merchant_ref = #{merchantRef}")
	Optional<SandboxTrade> findByMerchantRef(@Param("channel") String channel,
			@Param("merchantRef") String merchantRef);

	@Select("SELECT " + COLUMNS + " FROM sandbox_trades WHERE channel = #{channel} AND created_at >= #{from} "
			+ "AND created_at < #{to} ORDER BY created_at, trade_no")
	List<SandboxTrade> created(@Param("channel") String channel, @Param("from") Instant from, @Param("to") Instant to);

	/**
	 * @return 1 if the trade was in {@code from}
	 */
	@Update("UPDATE sandbox_trades SET status = #{to}, paid_at = CASE WHEN #{to} = 'PAID' THEN #{at} ELSE paid_at END "
			+ "WHERE channel = #{channel} AND trade_no = #{tradeNo} AND status = #{from}")
	int move(@Param("channel") String channel, @Param("tradeNo") String tradeNo, @Param("from") TradeStatus from,
			@Param("to") TradeStatus to, @Param("at") Instant at);

	/**
	 * @return 1 if the trade was PAID
	 */
	@Update("UPDATE sandbox_trades SET status = 'REFUNDED', refund_id = #{refundId}, refunded_at = #{at} "
			+ "WHERE channel = #{channel} AND trade_no = #{tradeNo} AND status = 'PAID'")
	int refund(@Param("channel") String channel, @Param("tradeNo") String tradeNo, @Param("refundId") String refundId,
			@Param("at") Instant at);

	/** Drift on demand: the wallet now books another amount. */
	@Update("UPDATE sandbox_trades SET amount_cents = #{amountCents} WHERE channel = #{channel} AND trade_no = #{tradeNo}")
	int alterAmount(@Param("channel") String channel, @Param("tradeNo") String tradeNo,
			@Param("amountCents") long amountCents);

	/** Drift on demand: the wallet loses the trade. */
	@Delete("DELETE FROM sandbox_trades WHERE channel = #{channel} AND trade_no = #{tradeNo}")
	int forget(@Param("channel") String channel, @Param("tradeNo") String tradeNo);

}
