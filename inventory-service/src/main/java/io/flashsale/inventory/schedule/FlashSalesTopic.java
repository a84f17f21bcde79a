package io.flashsale.inventory.schedule;

import org.apache.kafka.clients.admin.NewTopic;

import io.flashsale.contracts.Topics;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * Declares the topic this feature reads, so the listener never waits on auto-creation.
 */
@Configuration(proxyBeanMethods = false)
class FlashSalesTopic {

	/** Compacted: the latest record per sale is its campaign data. */
	@Bean
	NewTopic flashSalesNewTopic() {
		return TopicBuilder.name(Topics.FLASH_SALES).partitions(3).replicas(1).compact().build();
	}

}
