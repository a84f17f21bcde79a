package io.flashsale.order;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import io.flashsale.contracts.EventEnvelope;
import io.flashsale.platform.messaging.EventJson;

import org.springframework.kafka.core.ConsumerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads what is published to a topic from the moment it is opened: every partition,
 * manually assigned, starting at its current end. For counting events exactly.
 */
public final class TopicTap implements AutoCloseable {

	private final Consumer<String, String> consumer;

	private final List<ConsumerRecord<String, String>> records = new ArrayList<>();

	public TopicTap(ConsumerFactory<String, String> consumers, String topic) {
		this.consumer = consumers.createConsumer("tap-" + UUID.randomUUID(), null);
		List<TopicPartition> partitions = this.consumer.partitionsFor(topic, Duration.ofSeconds(10))
			.stream()
			.map((info) -> new TopicPartition(topic, info.partition()))
			.toList();
		this.consumer.assign(partitions);
		this.consumer.seekToEnd(partitions);
		// Resolve the end offsets now, not at the first poll.
		partitions.forEach(this.consumer::position);
	}

	/** Polls until the records read so far satisfy the condition, for at most 60 s. */
	public List<ConsumerRecord<String, String>> await(Predicate<List<ConsumerRecord<String, String>>> done,
			String what) {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (!done.test(this.records) && System.nanoTime() < deadline) {
			poll(Duration.ofMillis(200));
		}
		assertThat(done.test(this.records)).as(what).isTrue();
		return this.records;
	}

	/** Keeps reading for a while, so that anything published twice shows up. */
	public List<ConsumerRecord<String, String>> drain(Duration duration) {
		long deadline = System.nanoTime() + duration.toNanos();
		while (System.nanoTime() < deadline) {
			poll(Duration.ofMillis(200));
		}
		return this.records;
	}

	public List<ConsumerRecord<String, String>> records() {
		return this.records;
	}

	private void poll(Duration timeout) {
		this.consumer.poll(timeout).forEach(this.records::add);
	}

	/** The envelope type of a record on an events topic. */
	public static String type(EventJson events, ConsumerRecord<String, String> record) {
		return events.read(record.value(), Object.class).type();
	}

	public static <T> T payload(EventJson events, ConsumerRecord<String, String> record, Class<T> type) {
		EventEnvelope<T> envelope = events.read(record.value(), type);
		return envelope.payload();
	}

	@Override
	public void close() {
		this.consumer.close();
	}

}
