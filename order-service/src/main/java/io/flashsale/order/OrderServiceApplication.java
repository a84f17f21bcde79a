package io.flashsale.order;

import java.time.Clock;
import java.time.Duration;

import io.flashsale.platform.messaging.TopicOffsets;
import io.flashsale.stock.StockCounters;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class OrderServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(OrderServiceApplication.class, args);
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

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
