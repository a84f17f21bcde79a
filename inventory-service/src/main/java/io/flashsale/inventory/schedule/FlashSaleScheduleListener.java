package io.flashsale.inventory.schedule;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.contracts.EventEnvelope;
import io.flashsale.contracts.Topics;
import io.flashsale.contracts.marketing.FlashSaleScheduled;
import io.flashsale.platform.messaging.EventReader;
import io.flashsale.platform.messaging.PoisonMessage;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads {@code FlashSaleScheduled} and hands it to {@link FlashSaleSchedules}; a
 * tombstone (compaction's way to retire a sale) changes nothing, and the allocation
 * stays.
 *
 * <p>
 * A record that cannot be read or holds an invalid schedule is counted
 * ({@code flashsale.inventory.messages.poison}) and thrown as a {@link PoisonMessage}:
 * not retried, it goes to {@code flashsale.flash-sales.DLT} with the reason.
 */
@Component
class FlashSaleScheduleListener {

	private static final Logger log = LoggerFactory.getLogger(FlashSaleScheduleListener.class);

	private static final String TYPE = FlashSaleScheduled.class.getSimpleName();

	private final EventReader events;

	private final FlashSaleSchedules schedules;

	private final Counter poison;

	FlashSaleScheduleListener(EventReader events, FlashSaleSchedules schedules, MeterRegistry meters) {
		this.events = events;
		this.schedules = schedules;
		this.poison = Counter.builder("flashsale.inventory.messages.poison")
			.description("Records that could not be read or were invalid, dead-lettered and skipped")
			.tag("topic", Topics.FLASH_SALES)
			.register(meters);
	}

	@KafkaListener(id = "inventory.flash-sales", groupId = "inventory-service.flash-sales", topics = Topics.FLASH_SALES)
	void onFlashSale(ConsumerRecord<String, String> record) {
		if (record.value() == null) {
			return;
		}
		EventEnvelope<FlashSaleScheduled> event;
		try {
			// Read as the one type the topic carries before the type is looked at, so a
			// record this listener cannot read is dead-lettered whatever it claims to be.
			event = this.events.read(record, FlashSaleScheduled.class);
			if (!TYPE.equals(event.type())) {
				log.debug("Skipping {} on {}", event.type(), record.topic());
				return;
			}
			this.events.validate(record, event, FlashSaleSchedules::isValid, "invalid-schedule",
					"invalid window or per-user limit");
		}
		catch (PoisonMessage ex) {
			this.poison.increment();
			throw ex;
		}
		this.schedules.store(event.eventId(), event.payload(), event.occurredAt());
	}

}
