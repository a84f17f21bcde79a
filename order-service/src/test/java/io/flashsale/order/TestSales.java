package io.flashsale.order;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import io.flashsale.contracts.Topics;
import io.flashsale.contracts.marketing.FlashSaleScheduled;
import io.flashsale.order.catalog.FlashSales;
import io.flashsale.platform.messaging.EventJson;
import io.flashsale.stock.SaleCounters;
import io.flashsale.stock.StockCounters;

import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Puts a flash sale in place the way the running system does: marketing's event on Kafka
 * (read into the catalogue) and inventory's warm-up of the Redis counters.
 */
record TestSales(KafkaTemplate<String, String> kafka, EventJson events, StockCounters counters, FlashSales sales) {

	static final long PRICE_CENTS = 1999;

	void schedule(long sale, int stock, int limit, Instant start, Instant end) throws Exception {
		FlashSaleScheduled scheduled = new FlashSaleScheduled(sale, 77, "Test sale " + sale, PRICE_CENTS, stock, limit,
				start, end, 900);
		this.kafka
			.send(Topics.FLASH_SALES, String.valueOf(sale),
					this.events.write(String.valueOf(sale), scheduled, Instant.now()))
			.get();
		this.counters.warm(new SaleCounters(sale, stock, start, end, limit));
		await(() -> this.sales.find(sale).isPresent(), "the catalogue learns sale " + sale);
	}

	static void await(BooleanSupplier condition, String what) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline) {
			if (condition.getAsBoolean()) {
				return;
			}
			Thread.sleep(100);
		}
		assertThat(condition.getAsBoolean()).as(what).isTrue();
	}

}
