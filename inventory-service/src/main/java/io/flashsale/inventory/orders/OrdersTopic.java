package io.flashsale.inventory.orders;

import org.apache.kafka.clients.admin.NewTopic;

import io.flashsale.contracts.Topics;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * Declares the topic this feature reads, so the listener never waits on auto-creation.
 */
@Configuration(proxyBeanMethods = false)
class OrdersTopic {

	@Bean
	NewTopic ordersNewTopic() {
		return TopicBuilder.name(Topics.ORDERS).partitions(3).replicas(1).build();
	}

}
