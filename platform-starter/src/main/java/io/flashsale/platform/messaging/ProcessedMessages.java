package io.flashsale.platform.messaging;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
 * {@link #markAllProcessed} does the same for a batch in two statements.
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

	/**
	 * Records a batch of messages as processed by a consumer, in the caller's
	 * transaction, and tells which were new: the effect is due for those only. Two
	 * statements: a read of the ids recorded before, and one insert of the others.
	 *
	 * <p>
	 * The read is only a shortcut; the primary key still decides. A transaction that
	 * recorded one of the ids after this transaction's snapshot (or holds it uncommitted,
	 * which the insert waits for) makes the insert fail with a duplicate. InnoDB then
	 * undoes that statement whole and the ids are recorded one by one with
	 * {@link #markProcessed}, so each id is new to exactly one transaction that commits.
	 * @param consumer the consumer (listener) name
	 * @param messageIds distinct event ids, in the order their rows are to be locked
	 * (callers that may run concurrently should use one order, such as sorted, so that
	 * their inserts cannot deadlock)
	 * @return the ids recorded by this call, in the given order; the others were handled
	 * before
	 */
	default List<String> markAllProcessed(String consumer, List<String> messageIds) {
		if (messageIds.isEmpty()) {
			return List.of();
		}
		Set<String> before = new HashSet<>(processedAmong(consumer, messageIds));
		List<String> fresh = messageIds.stream().filter((id) -> !before.contains(id)).toList();
		if (fresh.isEmpty()) {
			return fresh;
		}
		try {
			insertAllProcessed(consumer, fresh);
			return fresh;
		}
		catch (DuplicateKeyException ex) {
			// Recorded meanwhile by another delivery; only the statement is undone.
			return fresh.stream().filter((id) -> markProcessed(consumer, id) == 1).toList();
		}
	}

	/**
	 * The ids among {@code messageIds} that the consumer recorded, as this transaction
	 * sees them (a plain, non-locking read).
	 */
	@Select("""
			<script>
			SELECT message_id FROM processed_message WHERE consumer = #{consumer} AND message_id IN
			<foreach collection="messageIds" item="id" open="(" separator="," close=")">#{id}</foreach>
			</script>""")
	List<String> processedAmong(@Param("consumer") String consumer, @Param("messageIds") Collection<String> messageIds);

	/**
	 * Inserts the records in one statement, in the given order; use
	 * {@link #markAllProcessed}.
	 * @throws DuplicateKeyException when one of them was recorded before (none is then
	 * inserted)
	 */
	@Insert("""
			<script>
			INSERT INTO processed_message (consumer, message_id, processed_at) VALUES
			<foreach collection="messageIds" item="id" separator=",">(#{consumer}, #{id}, CURRENT_TIMESTAMP(3))</foreach>
			</script>""")
	int insertAllProcessed(@Param("consumer") String consumer, @Param("messageIds") List<String> messageIds);

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
