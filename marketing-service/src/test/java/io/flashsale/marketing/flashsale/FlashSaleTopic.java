package io.flashsale.marketing.flashsale;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import io.flashsale.contracts.Topics;

import org.springframework.kafka.core.ConsumerFactory;

/**
 * Reads {@link Topics#FLASH_SALES} from the beginning with a fresh consumer, for tests
 * that wait for a record or prove one never came.
 */
final class FlashSaleTopic implements AutoCloseable {

	private static final Duration LIMIT = Duration.ofSeconds(20);

	private final Consumer<String, String> consumer;

	private final List<TopicPartition> partitions;

	private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

	FlashSaleTopic(ConsumerFactory<String, String> consumers) {
		this.consumer = consumers.createConsumer("flash-sale-topic-" + UUID.randomUUID(), null);
		this.partitions = this.consumer.partitionsFor(Topics.FLASH_SALES, LIMIT)
			.stream()
			.map((info) -> new TopicPartition(info.topic(), info.partition()))
			.toList();
		this.consumer.assign(this.partitions);
		this.consumer.seekToBeginning(this.partitions);
	}

	/**
	 * Polls until {@code count} records keyed {@code key} have been seen, up to 20s.
	 * @return the records with that key seen so far (fewer than {@code count} on timeout)
	 */
	List<ConsumerRecord<String, String>> await(String key, int count) {
		long deadline = System.nanoTime() + LIMIT.toNanos();
		while (recordsFor(key).size() < count && System.nanoTime() < deadline) {
			this.consumer.poll(Duration.ofMillis(250)).forEach(this.seen::add);
		}
		return recordsFor(key);
	}

	/** Reads every partition up to its end offset as of now. */
	FlashSaleTopic readToEnd() {
		Map<TopicPartition, Long> ends = this.consumer.endOffsets(this.partitions);
		long deadline = System.nanoTime() + LIMIT.toNanos();
		while (!reached(ends) && System.nanoTime() < deadline) {
			this.consumer.poll(Duration.ofMillis(250)).forEach(this.seen::add);
		}
		if (!reached(ends)) {
			throw new IllegalStateException("Could not read " + Topics.FLASH_SALES + " to " + ends);
		}
		return this;
	}

	private boolean reached(Map<TopicPartition, Long> ends) {
		return ends.entrySet().stream().allMatch((end) -> this.consumer.position(end.getKey()) >= end.getValue());
	}

	List<ConsumerRecord<String, String>> recordsFor(String key) {
		return this.seen.stream().filter((record) -> key.equals(record.key())).toList();
	}

	@Override
	public void close() {
		this.consumer.close();
	}

}
