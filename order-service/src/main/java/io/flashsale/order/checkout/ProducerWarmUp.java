package io.flashsale.order.checkout;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.contracts.Topics;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Fetches the reservation topic's metadata once the instance is up, so the first shoppers
 * of a sale do not pay for the producer's first metadata round trip inside their send
 * timeout.
 */
@Component
class ProducerWarmUp {

	private static final Logger logger = LoggerFactory.getLogger(ProducerWarmUp.class);

	private final KafkaTemplate<String, String> kafka;

	ProducerWarmUp(KafkaTemplate<String, String> kafka) {
		this.kafka = kafka;
	}

	@EventListener(ApplicationReadyEvent.class)
	void warmUp() {
		try {
			logger.info("{} has {} partitions", Topics.ORDER_RESERVATIONS,
					this.kafka.partitionsFor(Topics.ORDER_RESERVATIONS).size());
		}
		catch (RuntimeException ex) {
			logger.warn("Could not fetch {} metadata yet; the first purchase will", Topics.ORDER_RESERVATIONS, ex);
		}
	}

}
