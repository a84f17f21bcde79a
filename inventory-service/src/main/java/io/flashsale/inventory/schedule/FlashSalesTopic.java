package io.flashsale.inventory.schedule;

import org.apache.kafka.clients.admin.NewTopic;

import io.flashsale.contracts.Topics;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * Declares the topic this feature reads and its dead-letter topic, so neither the
 * listener nor a dead-lettering waits on auto-creation.
 */
@Configuration(proxyBeanMethods = false)
class FlashSalesTopic {

	/** Compacted: the latest record per sale is its campaign data. */
	@Bean
	NewTopic flashSalesNewTopic() {
		return TopicBuilder.name(Topics.FLASH_SALES).partitions(3).replicas(1).compact().build();
	}

	/**
	 * Not compacted: every dead letter is kept for inspection, not only the latest per
	 * sale. As many partitions as the topic, since a dead letter keeps its partition.
	 */
	@Bean
	NewTopic flashSalesDeadLetterNewTopic() {
		return TopicBuilder.name(Topics.deadLetter(Topics.FLASH_SALES)).partitions(3).replicas(1).build();
	}

}
