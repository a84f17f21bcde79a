package io.flashsale.marketing.flashsale;

import java.time.Duration;

import org.apache.kafka.clients.admin.NewTopic;

import io.flashsale.contracts.Topics;
import io.flashsale.marketing.MarketingProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * The flash-sale topic and the republishing schedule.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class FlashSaleConfiguration {

	/**
	 * Declared rather than auto-created, which would stall the first send. Compacted: the
	 * latest record per sale is its campaign data.
	 */
	@Bean
	NewTopic flashSalesTopic() {
		return TopicBuilder.name(Topics.FLASH_SALES).partitions(3).replicas(1).compact().build();
	}

	@Bean
	SchedulingConfigurer flashSaleRepublishing(FlashSaleRepublisher republisher, MarketingProperties properties) {
		Duration interval = properties.republish().interval();
		return (registrar) -> registrar
			.addFixedDelayTask(new FixedDelayTask(republisher::republish, interval, interval));
	}

}
