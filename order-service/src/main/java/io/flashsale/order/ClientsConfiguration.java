package io.flashsale.order;

import java.time.Duration;

import io.flashsale.platform.messaging.TopicOffsets;
import io.flashsale.stock.StockCounters;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The Redis and Kafka clients that several features share. Not on the application class:
 * test slices ({@code @WebMvcTest}, {@code @MybatisTest}) leave scanned configuration
 * out, so they start without Redis or Kafka.
 */
@Configuration(proxyBeanMethods = false)
class ClientsConfiguration {

	@Bean
	StockCounters stockCounters(StringRedisTemplate redis) {
		return new StockCounters(redis);
	}

	/** How far the order writer and the catalogue have read (5 s per call at most). */
	@Bean
	TopicOffsets topicOffsets(KafkaAdmin kafkaAdmin) {
		return new TopicOffsets(kafkaAdmin, Duration.ofSeconds(5));
	}

}
