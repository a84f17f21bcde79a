package io.flashsale.paymentsandbox;

import java.time.Instant;
import java.util.List;

import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/**
 * Callbacks the sandbox wallets owe. A MyBatis mapper that
 * {@link PaymentSandboxAutoConfiguration} registers (the host's mapper scan does not
 * reach this package).
 */
interface SandboxNotifications {

	String COLUMNS = "id, channel, trade_no, status, attempts, next_attempt_at, last_error, created_at, acked_at";

	@Insert("INSERT INTO sandbox_notifications (channel, trade_no, status, attempts, next_attempt_at, created_at) "
			+ "VALUES (#{channel}, #{tradeNo}, 'PENDING', 0, #{due}, #{at})")
	void insert(@Param("channel") String channel, @Param("tradeNo") String tradeNo, @Param("due") Instant due,
			@Param("at") Instant at);

	@Select("SELECT " + COLUMNS + " FROM sandbox_notifications WHERE status = 'PENDING' AND next_attempt_at <= #{now} "
			+ "ORDER BY next_attempt_at LIMIT #{limit}")
	List<SandboxNotification> due(@Param("now") Instant now, @Param("limit") int limit);

	@Select("SELECT " + COLUMNS + " FROM sandbox_notifications WHERE channel = #{channel} AND trade_no = #{tradeNo} "
			+ "ORDER BY id")
	List<SandboxNotification> ofTrade(@Param("channel") String channel, @Param("tradeNo") String tradeNo);

	/**
	 * Takes a due notification for one delivery: pushes its due time past the delivery,
	 * so a second sender (another instance) does not take it too.
	 * @return 1 if this caller took it
	 */
	@Update("UPDATE sandbox_notifications SET next_attempt_at = #{leaseUntil} WHERE id = #{id} AND status = 'PENDING' "
			+ "AND attempts = #{attempts} AND next_attempt_at <= #{now}")
	int claim(@Param("id") long id, @Param("attempts") int attempts, @Param("now") Instant now,
			@Param("leaseUntil") Instant leaseUntil);

	@Update("UPDATE sandbox_notifications SET status = #{status}, attempts = attempts + 1, acked_at = #{at}, "
			+ "last_error = NULL WHERE id = #{id} AND status = 'PENDING'")
	int finish(@Param("id") long id, @Param("status") String status, @Param("at") Instant at);

	// MariaDB assigns left to right: the status is decided on the attempts before this
	// one.
	@Update("UPDATE sandbox_notifications SET status = CASE WHEN attempts + 1 >= #{maxAttempts} THEN 'GAVE_UP' "
			+ "ELSE status END, attempts = attempts + 1, next_attempt_at = #{next}, last_error = #{error} "
			+ "WHERE id = #{id} AND status = 'PENDING'")
	int retryLater(@Param("id") long id, @Param("next") Instant next, @Param("error") String error,
			@Param("maxAttempts") int maxAttempts);

	@Update("UPDATE sandbox_notifications SET status = 'DROPPED' WHERE id = #{id} AND status = 'PENDING'")
	int drop(long id);

}
