package io.flashsale.inventory.warmup;

import io.flashsale.inventory.InventoryProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Runs the scheduled warmer every {@code flashsale.inventory.warm-up.interval}. Every
 * instance runs it; warming is idempotent, so no leader is needed.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnBooleanProperty(name = "flashsale.inventory.warm-up.enabled", matchIfMissing = true)
class WarmUpSchedule implements SchedulingConfigurer {

	private final StockWarmer warmer;

	private final InventoryProperties properties;

	WarmUpSchedule(StockWarmer warmer, InventoryProperties properties) {
		this.warmer = warmer;
		this.properties = properties;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(this.warmer::warmDueSales, this.properties.warmUp().interval());
	}

}
