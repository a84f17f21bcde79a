package io.flashsale.platform.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * {@code flashsale.kafka.dead.letters}: how many records each dead-letter topic the
 * service declares holds (latest minus earliest offset over its partitions), refreshed
 * periodically from the broker. Anything above zero needs a person.
 */
class DeadLetterDepth implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(DeadLetterDepth.class);

	private final KafkaAdmin kafkaAdmin;

	private final List<String> topics;

	private final Duration interval;

	private final Map<String, AtomicLong> depths = new ConcurrentHashMap<>();

	private ScheduledExecutorService scheduler;

	private AdminClient admin;

	DeadLetterDepth(KafkaAdmin kafkaAdmin, List<String> topics, Duration interval, MeterRegistry meters) {
		this.kafkaAdmin = kafkaAdmin;
		this.topics = topics;
		this.interval = interval;
		for (String topic : topics) {
			AtomicLong depth = new AtomicLong();
			this.depths.put(topic, depth);
			Gauge.builder("flashsale.kafka.dead.letters", depth, AtomicLong::get)
				.description("Records waiting in a dead-letter topic")
				.tag("topic", topic)
				.register(meters);
		}
	}

	@Override
	public synchronized void start() {
		if (this.topics.isEmpty()) {
			return;
		}
		Map<String, Object> config = new HashMap<>(this.kafkaAdmin.getConfigurationProperties());
		config.put("request.timeout.ms", 5000);
		config.put("default.api.timeout.ms", 5000);
		this.admin = AdminClient.create(config);
		this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("dlt-depth").factory());
		this.scheduler.scheduleWithFixedDelay(this::refresh, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	void refresh() {
		try {
			Map<String, TopicDescription> described = this.admin.describeTopics(this.topics)
				.allTopicNames()
				.get(5, TimeUnit.SECONDS);
			Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			described.values().forEach((topic) -> topic.partitions().forEach((partition) -> {
				TopicPartition tp = new TopicPartition(topic.name(), partition.partition());
				earliest.put(tp, OffsetSpec.earliest());
				latest.put(tp, OffsetSpec.latest());
			}));
			Map<TopicPartition, ListOffsetsResultInfo> from = this.admin.listOffsets(earliest)
				.all()
				.get(5, TimeUnit.SECONDS);
			Map<TopicPartition, ListOffsetsResultInfo> to = this.admin.listOffsets(latest)
				.all()
				.get(5, TimeUnit.SECONDS);
			Map<String, Long> totals = new HashMap<>();
			to.forEach((tp, info) -> totals.merge(tp.topic(), info.offset() - from.get(tp).offset(), Long::sum));
			totals.forEach((topic, total) -> this.depths.get(topic).set(total));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			logger.debug("Could not read dead-letter depth; keeping the last values", ex);
		}
	}

	@Override
	public synchronized void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
		if (this.admin != null) {
			this.admin.close(Duration.ofSeconds(1));
			this.admin = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

}
