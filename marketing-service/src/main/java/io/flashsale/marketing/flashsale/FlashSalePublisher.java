package io.flashsale.marketing.flashsale;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.contracts.Topics;
import io.flashsale.marketing.MarketingProperties;
import io.flashsale.platform.messaging.EventJson;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Publishes {@code FlashSaleScheduled} to {@link Topics#FLASH_SALES}, keyed by sale id,
 * so the compacted topic keeps the latest record per sale.
 *
 * <p>
 * A failed or slow send is logged, not thrown: the sale is already scheduled, and the
 * republisher sends it again on its next round. {@code occurredAt} is when the sale was
 * scheduled, the fact the record states, however often it is sent.
 */
@Component
class FlashSalePublisher {

	private static final Logger log = LoggerFactory.getLogger(FlashSalePublisher.class);

	private final KafkaTemplate<String, String> kafka;

	private final EventJson eventJson;

	private final Duration timeout;

	FlashSalePublisher(KafkaTemplate<String, String> kafka, EventJson eventJson, MarketingProperties properties) {
		this.kafka = kafka;
		this.eventJson = eventJson;
		this.timeout = properties.publishTimeout();
	}

	/**
	 * Sends one sale and waits for the broker's acknowledgement.
	 * @return whether the broker acknowledged it in time
	 */
	boolean publish(FlashSale sale) {
		return publishAll(List.of(sale)) == 1;
	}

	/**
	 * Sends the sales, then waits for all acknowledgements (up to the publish timeout in
	 * total).
	 * @return how many the broker acknowledged in time
	 */
	int publishAll(List<FlashSale> sales) {
		List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>(sales.size());
		for (FlashSale sale : sales) {
			sends.add(send(sale));
		}
		long deadline = System.nanoTime() + this.timeout.toNanos();
		int acknowledged = 0;
		for (int i = 0; i < sends.size(); i++) {
			if (await(sales.get(i), sends.get(i), deadline)) {
				acknowledged++;
			}
		}
		return acknowledged;
	}

	private CompletableFuture<SendResult<String, String>> send(FlashSale sale) {
		String key = Long.toString(sale.id());
		try {
			return this.kafka.send(Topics.FLASH_SALES, key,
					this.eventJson.write(key, sale.scheduled(), sale.updatedAt()));
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	private boolean await(FlashSale sale, CompletableFuture<SendResult<String, String>> send, long deadline) {
		try {
			send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			log.warn("Interrupted publishing flash sale {}; the republisher will send it", sale.id());
		}
		catch (ExecutionException | TimeoutException ex) {
			Throwable cause = (ex instanceof ExecutionException) ? ex.getCause() : ex;
			log.warn("Publishing flash sale {} failed; the republisher will send it", sale.id(), cause);
		}
		return false;
	}

}
