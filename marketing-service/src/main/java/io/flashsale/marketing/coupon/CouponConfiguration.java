package io.flashsale.marketing.coupon;

import org.apache.kafka.clients.admin.NewTopic;

import io.flashsale.contracts.Topics;
import io.flashsale.platform.messaging.DeadLetters;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The coupon-claims topics, declared up front (auto-creation stalls the first send), the
 * orders topic the coupon releases read, and the listeners' retry policy.
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
	 * skipped: skipping would leave a claimed coupon unstored. The writer dead-letters
	 * unreadable records itself, so they cannot block the partition; the order-event
	 * listener's go to the dead-letter topic at once ({@code PoisonMessage} is not
	 * retried).
	 */
	@Bean
	CommonErrorHandler listenerErrorHandler(DeadLetters deadLetters) {
		ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
		backOff.setMaxInterval(10_000);
		return deadLetters.errorHandler(backOff);
	}

	/**
	 * The orders topic the coupon releases read, declared as order-service declares it,
	 * so this service never lets a subscription auto-create it with other settings.
	 */
	@Bean
	NewTopic ordersTopic() {
		return TopicBuilder.name(Topics.ORDERS).partitions(3).replicas(1).build();
	}

	@Bean
	NewTopic ordersDeadLetterTopic() {
		return TopicBuilder.name(Topics.deadLetter(Topics.ORDERS)).partitions(3).replicas(1).build();
	}

}
