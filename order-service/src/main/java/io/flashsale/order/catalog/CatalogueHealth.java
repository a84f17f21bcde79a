package io.flashsale.order.catalog;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import io.flashsale.contracts.Topics;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Readiness of the sale catalogue ({@code catalogue} in the readiness group): down until
 * this instance has read the flash-sale topic up to where it ended when first asked, so a
 * restarted instance takes no purchase before it knows every sale. Once up it stays up;
 * sales scheduled later arrive through the same listener.
 */
@Component("catalogue")
public class CatalogueHealth implements HealthIndicator, DisposableBean {

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);

	private final FlashSales sales;

	private final KafkaAdmin kafkaAdmin;

	private Map<Integer, Long> target;

	private volatile boolean loaded;

	private Admin admin;

	CatalogueHealth(FlashSales sales, KafkaAdmin kafkaAdmin) {
		this.sales = sales;
		this.kafkaAdmin = kafkaAdmin;
	}

	@Override
	public Health health() {
		if (loaded()) {
			return Health.up().withDetail("sales", this.sales.all().size()).build();
		}
		return Health.outOfService().withDetail("loading", "the flash-sale catalogue is being read").build();
	}

	/** Whether the catalogue has been read up to where the topic ended at the start. */
	public synchronized boolean loaded() {
		if (this.loaded) {
			return true;
		}
		try {
			if (this.target == null) {
				this.target = endOffsets();
			}
			this.loaded = this.sales.hasRead(this.target);
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			return false;
		}
		return this.loaded;
	}

	private Map<Integer, Long> endOffsets() throws Exception {
		Map<TopicPartition, OffsetSpec> latest = admin().describeTopics(List.of(Topics.FLASH_SALES))
			.allTopicNames()
			.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
			.get(Topics.FLASH_SALES)
			.partitions()
			.stream()
			.collect(Collectors.toMap((p) -> new TopicPartition(Topics.FLASH_SALES, p.partition()),
					(p) -> OffsetSpec.latest()));
		return admin().listOffsets(latest)
			.all()
			.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
			.entrySet()
			.stream()
			.collect(Collectors.toMap((e) -> e.getKey().partition(), (e) -> e.getValue().offset()));
	}

	private Admin admin() {
		if (this.admin == null) {
			Map<String, Object> config = new HashMap<>(this.kafkaAdmin.getConfigurationProperties());
			config.put("request.timeout.ms", (int) CALL_TIMEOUT.toMillis());
			config.put("default.api.timeout.ms", (int) CALL_TIMEOUT.toMillis());
			this.admin = Admin.create(config);
		}
		return this.admin;
	}

	@Override
	public synchronized void destroy() {
		if (this.admin != null) {
			this.admin.close(Duration.ofSeconds(2));
		}
	}

}
