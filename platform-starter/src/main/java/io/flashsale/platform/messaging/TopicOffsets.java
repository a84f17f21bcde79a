package io.flashsale.platform.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.core.KafkaAdmin;

/**
 * Where a topic's partitions end, and how far a consumer group has committed on them: the
 * two readings a service needs to tell whether a consumer has caught up with what the
 * broker acknowledged. One admin client, created on first use and kept; every call is
 * bounded by the timeout and fails rather than waits.
 */
public class TopicOffsets implements AutoCloseable {

	private final KafkaAdmin kafkaAdmin;

	private final Duration timeout;

	private Admin admin;

	public TopicOffsets(KafkaAdmin kafkaAdmin, Duration timeout) {
		this.kafkaAdmin = kafkaAdmin;
		this.timeout = timeout;
	}

	/**
	 * The log-end offset of each partition of the topic, read now.
	 * @return offsets by partition number
	 */
	public Map<Integer, Long> endOffsets(String topic)
			throws InterruptedException, ExecutionException, TimeoutException {
		Map<TopicPartition, OffsetSpec> latest = admin().describeTopics(List.of(topic))
			.allTopicNames()
			.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS)
			.get(topic)
			.partitions()
			.stream()
			.collect(Collectors.toMap((p) -> new TopicPartition(topic, p.partition()), (p) -> OffsetSpec.latest()));
		return admin().listOffsets(latest)
			.all()
			.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS)
			.entrySet()
			.stream()
			.collect(Collectors.toMap((e) -> e.getKey().partition(), (e) -> e.getValue().offset()));
	}

	/**
	 * The offsets a consumer group has committed on the topic; a partition it never
	 * committed on is absent.
	 * @return offsets by partition number
	 */
	public Map<Integer, Long> committedOffsets(String group, String topic)
			throws InterruptedException, ExecutionException, TimeoutException {
		return admin().listConsumerGroupOffsets(group)
			.partitionsToOffsetAndMetadata()
			.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS)
			.entrySet()
			.stream()
			.filter((e) -> e.getKey().topic().equals(topic) && e.getValue() != null)
			.collect(Collectors.toMap((e) -> e.getKey().partition(), (e) -> e.getValue().offset()));
	}

	private synchronized Admin admin() {
		if (this.admin == null) {
			Map<String, Object> config = new HashMap<>(this.kafkaAdmin.getConfigurationProperties());
			config.put("request.timeout.ms", (int) this.timeout.toMillis());
			config.put("default.api.timeout.ms", (int) this.timeout.toMillis());
			this.admin = Admin.create(config);
		}
		return this.admin;
	}

	@Override
	public synchronized void close() {
		if (this.admin != null) {
			this.admin.close(Duration.ofSeconds(2));
			this.admin = null;
		}
	}

}
