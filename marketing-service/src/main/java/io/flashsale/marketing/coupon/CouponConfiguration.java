package io.flashsale.marketing.coupon;

import org.apache.kafka.clients.admin.NewTopic;

import io.flashsale.contracts.Topics;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The coupon-claims topics, declared up front (auto-creation stalls the first send), and
 * the writer's retry policy.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CouponProperties.class)
class CouponConfiguration {

	@Bean
	NewTopic couponClaimsTopic() {
		return TopicBuilder.name(Topics.COUPON_CLAIMS).partitions(3).replicas(1).build();
	}

	/** Unreadable or invalid claim records, with the reason; as many partitions. */
	@Bean
	NewTopic couponClaimsDeadLetterTopic() {
		return TopicBuilder.name(Topics.deadLetter(Topics.COUPON_CLAIMS)).partitions(3).replicas(1).build();
	}

	/**
	 * A failed batch (database or Redis briefly down) is retried with backoff and never
	 * skipped: skipping would leave a claimed coupon unstored. Unreadable records are
	 * dead-lettered by the writer itself, so they cannot block the partition.
	 */
	@Bean
	CommonErrorHandler listenerErrorHandler() {
		ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
		backOff.setMaxInterval(10_000);
		return new DefaultErrorHandler(backOff);
	}

}
