package io.flashsale.platform.messaging;

import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/**
 * The processed-message record of idempotent consumers. Every service's schema has the
 * table (its own Flyway migration creates {@code processed_message}).
 *
 * <p>
 * Call {@link #markProcessed} first, in the same transaction as the consumer's effect: if
 * it returns 0 the message was handled before and the effect must be skipped. The primary
 * key, not a read-then-write, decides, so two concurrent deliveries cannot both win.
 */
public interface ProcessedMessages {

	/**
	 * Records a message as processed by a consumer.
	 * @param consumer the consumer (listener) name
	 * @param messageId the event id
	 * @return 1 the first time, 0 for a redelivery
	 */
	@Insert("INSERT IGNORE INTO processed_message (consumer, message_id, processed_at) VALUES (#{consumer}, #{messageId}, CURRENT_TIMESTAMP(3))")
	int markProcessed(@Param("consumer") String consumer, @Param("messageId") String messageId);

	@Select("SELECT COUNT(*) > 0 FROM processed_message WHERE consumer = #{consumer} AND message_id = #{messageId}")
	boolean isProcessed(@Param("consumer") String consumer, @Param("messageId") String messageId);

	/**
	 * Drops records older than the retention; redeliveries past it are no longer
	 * expected.
	 * @param retentionDays how many days to keep
	 * @return rows deleted
	 */
	@Delete("DELETE FROM processed_message WHERE processed_at < CURRENT_TIMESTAMP(3) - INTERVAL #{retentionDays} DAY")
	int purgeOlderThan(@Param("retentionDays") int retentionDays);

}
