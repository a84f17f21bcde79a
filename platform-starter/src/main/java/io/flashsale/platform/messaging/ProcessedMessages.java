package io.flashsale.platform.messaging;

import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

import org.springframework.dao.DuplicateKeyException;

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
	 * Records a message as processed by a consumer. Only the primary key's duplicate
	 * counts as "handled before": any other error (an id longer than its column, in
	 * strict mode) fails the call rather than recording a truncated id.
	 * @param consumer the consumer (listener) name
	 * @param messageId the event id
	 * @return 1 the first time, 0 for a redelivery
	 */
	default int markProcessed(String consumer, String messageId) {
		try {
			return insertProcessed(consumer, messageId);
		}
		catch (DuplicateKeyException ex) {
			// Only the statement is undone; the caller's transaction goes on.
			return 0;
		}
	}

	/**
	 * Inserts the record; use {@link #markProcessed}.
	 * @throws DuplicateKeyException when the message was recorded before
	 */
	@Insert("INSERT INTO processed_message (consumer, message_id, processed_at) "
			+ "VALUES (#{consumer}, #{messageId}, CURRENT_TIMESTAMP(3))")
	int insertProcessed(@Param("consumer") String consumer, @Param("messageId") String messageId);

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
