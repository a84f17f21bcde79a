package io.flashsale.inventory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.flashsale.contracts.Topics;

import org.springframework.kafka.core.KafkaAdmin;

/**
 * Reads what the service's consumers did on real Kafka: whether one consumed everything
 * sent so far, and what reached a dead-letter topic.
 */
public final class KafkaProbe {

	/** The consumer group of the service's order listener. */
	public static final String ORDERS_GROUP = "inventory-service.orders";

	private final KafkaAdmin admin;

	public KafkaProbe(KafkaAdmin admin) {
		this.admin = admin;
	}

	/**
	 * Waits until the service's order consumer group committed every record now on the
	 * order topic: after that, every record sent before the call was applied.
	 */
	public void awaitOrdersDrained() throws Exception {
		try (AdminClient client = AdminClient.create(this.admin.getConfigurationProperties())) {
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			for (int partition = 0; partition < 3; partition++) {
				latest.put(new TopicPartition(Topics.ORDERS, partition), OffsetSpec.latest());
			}
			Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = client.listOffsets(latest).all().get();
			InventoryApi.await("the order topic is drained", () -> {
				try {
					Map<TopicPartition, OffsetAndMetadata> committed = client.listConsumerGroupOffsets(ORDERS_GROUP)
						.partitionsToOffsetAndMetadata()
						.get();
					return ends.entrySet().stream().allMatch((end) -> {
						OffsetAndMetadata offset = committed.get(end.getKey());
						return (end.getValue().offset() == 0)
								|| (offset != null && offset.offset() >= end.getValue().offset());
					});
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
		}
	}

	/**
	 * Waits for the dead letters of {@code topic} with this key, read from the beginning.
	 */
	public List<ConsumerRecord<String, String>> deadLetters(String topic, String key, int expected) {
		Map<String, Object> config = new HashMap<>(this.admin.getConfigurationProperties());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		List<ConsumerRecord<String, String>> found = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(Topics.deadLetter(topic)));
			InventoryApi.await(expected + " dead letters with key " + key, () -> {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					if (key.equals(record.key())) {
						found.add(record);
					}
				}
				return found.size() >= expected;
			});
		}
		return found;
	}

	public static Optional<String> header(ConsumerRecord<String, String> record, String name) {
		return Optional.ofNullable(record.headers().lastHeader(name)).map((header) -> new String(header.value()));
	}

}
