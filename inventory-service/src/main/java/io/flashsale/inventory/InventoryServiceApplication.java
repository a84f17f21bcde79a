package io.flashsale.inventory;

import io.flashsale.stock.StockCounters;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;

@SpringBootApplication
@EnableConfigurationProperties(InventoryProperties.class)
public class InventoryServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(InventoryServiceApplication.class, args);
	}

	/** The shared Redis stock counters; order-service runs the same scripts. */
	@Bean
	StockCounters stockCounters(StringRedisTemplate redis) {
		return new StockCounters(redis);
	}

}
