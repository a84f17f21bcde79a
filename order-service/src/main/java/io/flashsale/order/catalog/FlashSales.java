package io.flashsale.order.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.contracts.EventEnvelope;
import io.flashsale.contracts.Topics;
import io.flashsale.contracts.marketing.FlashSaleScheduled;
import io.flashsale.platform.messaging.EventJson;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.PartitionOffset;
import org.springframework.kafka.annotation.TopicPartition;
import org.springframework.stereotype.Component;

/**
 * Every flash sale this instance knows of. Each instance reads the whole compacted topic
 * from its start (manual assignment, no consumer group), so a new or restarted instance
 * knows every sale before it takes traffic for it. The topic's partitions are listed by
 * {@code flashsale.order.catalog-partitions} (default {@code 0-2}, as the topic is
 * declared).
 *
 * <p>
 * Until it has read up to where the topic ended when this instance started, the catalogue
 * is not loaded: readiness stays down ({@link CatalogueHealth}) and a sale it does not
 * know yet is answered 503 {@code catalogue-loading}, never 404.
 */
@Component
public class FlashSales {

	private static final Logger logger = LoggerFactory.getLogger(FlashSales.class);

	private final Map<Long, FlashSale> sales = new ConcurrentHashMap<>();

	/** The next offset this instance will read, per partition of the topic. */
	private final Map<Integer, Long> positions = new ConcurrentHashMap<>();

	private final EventJson events;

	FlashSales(EventJson events) {
		this.events = events;
	}

	public Optional<FlashSale> find(long id) {
		return Optional.ofNullable(this.sales.get(id));
	}

	public Collection<FlashSale> all() {
		return List.copyOf(this.sales.values());
	}

	@KafkaListener(id = "order-flash-sale-catalog", autoStartup = "true",
			topicPartitions = @TopicPartition(topic = Topics.FLASH_SALES,
					partitions = "${flashsale.order.catalog-partitions:0-2}",
					partitionOffsets = @PartitionOffset(partition = "*", initialOffset = "0")))
	void on(ConsumerRecord<String, String> record, Consumer<?, ?> consumer) {
		read(record.value());
		org.apache.kafka.common.TopicPartition partition = new org.apache.kafka.common.TopicPartition(record.topic(),
				record.partition());
		this.positions.merge(record.partition(), Math.max(record.offset() + 1, consumer.position(partition)),
				Math::max);
	}

	/**
	 * Whether this instance has read each partition up to the given end offsets.
	 * @param ends end offsets by partition
	 */
	boolean hasRead(Map<Integer, Long> ends) {
		return ends.entrySet()
			.stream()
			.allMatch((end) -> end.getValue() == 0 || this.positions.getOrDefault(end.getKey(), 0L) >= end.getValue());
	}

	private void read(String value) {
		if (value == null) {
			return;
		}
		try {
			EventEnvelope<FlashSaleScheduled> event = this.events.read(value, FlashSaleScheduled.class);
			FlashSale sale = FlashSale.from(event.payload());
			this.sales.put(sale.id(), sale);
		}
		catch (RuntimeException ex) {
			// A record this version cannot read must not stop the catalogue.
			logger.error("Skipping unreadable flash-sale record", ex);
		}
	}

}
