package io.flashsale.inventory.orders;

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
class OrdersTopic {

	@Bean
	NewTopic ordersNewTopic() {
		return TopicBuilder.name(Topics.ORDERS).partitions(3).replicas(1).build();
	}

	/** As many partitions as the topic: a dead letter keeps its record's partition. */
	@Bean
	NewTopic ordersDeadLetterNewTopic() {
		return TopicBuilder.name(Topics.deadLetter(Topics.ORDERS)).partitions(3).replicas(1).build();
	}

}
