package io.flashsale.order.catalog;

import java.util.Map;

import io.flashsale.contracts.Topics;
import io.flashsale.platform.messaging.TopicOffsets;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness of the sale catalogue ({@code catalogue} in the readiness group): down until
 * this instance has read the flash-sale topic up to where it ended when first asked, so a
 * restarted instance takes no purchase before it knows every sale. Once up it stays up;
 * sales scheduled later arrive through the same listener.
 */
@Component("catalogue")
public class CatalogueHealth implements HealthIndicator {

	private final FlashSales sales;

	private final TopicOffsets offsets;

	private Map<Integer, Long> target;

	private volatile boolean loaded;

	CatalogueHealth(FlashSales sales, TopicOffsets offsets) {
		this.sales = sales;
		this.offsets = offsets;
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
				this.target = this.offsets.endOffsets(Topics.FLASH_SALES);
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

}
