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
public record TestSales(KafkaTemplate<String, String> kafka, EventJson events, StockCounters counters,
		FlashSales sales) {

	public static final long PRICE_CENTS = 1999;

	public static final long SKU = 77;

	public void schedule(long sale, int stock, int limit, Instant start, Instant end) throws Exception {
		schedule(sale, stock, limit, start, end, 900);
	}

	public void schedule(long sale, int stock, int limit, Instant start, Instant end, long payTimeoutSeconds)
			throws Exception {
		FlashSaleScheduled scheduled = new FlashSaleScheduled(sale, SKU, "Test sale " + sale, PRICE_CENTS, stock, limit,
				start, end, payTimeoutSeconds);
		this.kafka
			.send(Topics.FLASH_SALES, String.valueOf(sale),
					this.events.write(String.valueOf(sale), scheduled, Instant.now()))
			.get();
		this.counters.warm(new SaleCounters(sale, stock, start, end, limit));
		await(() -> this.sales.find(sale).isPresent(), "the catalogue learns sale " + sale);
	}

	public static void await(BooleanSupplier condition, String what) throws InterruptedException {
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
