package io.flashsale.inventory.schedule;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.contracts.EventEnvelope;
import io.flashsale.contracts.Topics;
import io.flashsale.contracts.marketing.FlashSaleScheduled;
import io.flashsale.inventory.allocation.FlashSaleStock;
import io.flashsale.inventory.allocation.FlashSaleStocks;
import io.flashsale.platform.messaging.EventJson;
import io.flashsale.platform.messaging.PoisonMessage;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Stores the window and per-user limit of {@code FlashSaleScheduled} on the sale's stock
 * row, where the warmer finds them. The latest event per sale is authoritative and events
 * may repeat: the row keeps the schedule with the newest {@code occurredAt}, so a repeat
 * changes nothing and an older event never overwrites a newer one. Allocated and
 * remaining stock are never touched here.
 *
 * <p>
 * A schedule for a sale with no allocation is logged and dropped: the stock row is
 * written by the allocation, not by the campaign. A record that cannot be read or holds
 * an invalid schedule is counted ({@code flashsale.inventory.messages.poison}) and thrown
 * as a {@link PoisonMessage}: not retried, it goes to {@code flashsale.flash-sales.DLT}
 * with the reason.
 */
@Component
class FlashSaleScheduleListener {

	private static final Logger log = LoggerFactory.getLogger(FlashSaleScheduleListener.class);

	private static final String TYPE = FlashSaleScheduled.class.getSimpleName();

	private final FlashSaleStocks stocks;

	private final EventJson events;

	private final Counter poison;

	FlashSaleScheduleListener(FlashSaleStocks stocks, EventJson events, MeterRegistry meters) {
		this.stocks = stocks;
		this.events = events;
		this.poison = Counter.builder("flashsale.inventory.messages.poison")
			.description("Records that could not be read or were invalid, dead-lettered and skipped")
			.tag("topic", Topics.FLASH_SALES)
			.register(meters);
	}

	@KafkaListener(id = "inventory.flash-sales", groupId = "inventory-service.flash-sales", topics = Topics.FLASH_SALES)
	void onFlashSale(ConsumerRecord<String, String> record) {
		if (record.value() == null) {
			// A tombstone: compaction's way to retire a sale. The allocation stays.
			return;
		}
		Optional<EventEnvelope<FlashSaleScheduled>> read = read(record);
		if (read.isEmpty()) {
			return;
		}
		EventEnvelope<FlashSaleScheduled> event = read.get();
		if (!isValid(event.payload())) {
			throw rejectPoison("invalid-schedule", "invalid window or per-user limit", null);
		}
		FlashSaleScheduled sale = inMillis(event.payload());
		Optional<FlashSaleStock> before = this.stocks.find(sale.flashSaleId());
		int stored = this.stocks.schedule(sale.flashSaleId(), sale.startsAt(), sale.endsAt(), sale.perUserLimit(),
				event.occurredAt().truncatedTo(ChronoUnit.MILLIS));
		if (stored == 0) {
			if (before.isEmpty() && this.stocks.find(sale.flashSaleId()).isEmpty()) {
				log.warn("Ignoring FlashSaleScheduled {} for flash sale {}: no stock is allocated to it",
						event.eventId(), sale.flashSaleId());
			}
			else {
				log.info("Ignoring FlashSaleScheduled {} for flash sale {}: a newer schedule is stored",
						event.eventId(), sale.flashSaleId());
			}
			return;
		}
		before.ifPresent((allocated) -> compare(allocated, sale));
	}

	private static void compare(FlashSaleStock allocated, FlashSaleScheduled sale) {
		if (allocated.skuId() != sale.skuId() || allocated.allocated() != sale.stock()) {
			// The counters are warmed with the allocation, the stock of record; say so
			// when the campaign advertises something else.
			log.warn("Flash sale {} is scheduled with SKU {} x {} but was allocated SKU {} x {}", sale.flashSaleId(),
					sale.skuId(), sale.stock(), allocated.skuId(), allocated.allocated());
		}
		boolean changed = !sale.startsAt().equals(allocated.startsAt()) || !sale.endsAt().equals(allocated.endsAt())
				|| !Integer.valueOf(sale.perUserLimit()).equals(allocated.perUserLimit());
		if (allocated.warmed() && changed) {
			log.warn("Flash sale {} was rescheduled after its counters were warmed; Redis keeps the old window and "
					+ "limit until an admin warm-up refreshes them", sale.flashSaleId());
		}
	}

	private Optional<EventEnvelope<FlashSaleScheduled>> read(ConsumerRecord<String, String> record) {
		EventEnvelope<FlashSaleScheduled> event;
		try {
			event = this.events.read(record.value(), FlashSaleScheduled.class);
		}
		catch (RuntimeException ex) {
			throw rejectPoison("unreadable", ex.toString(), ex);
		}
		if (!TYPE.equals(event.type())) {
			log.debug("Skipping {} on {}", event.type(), record.topic());
			return Optional.empty();
		}
		return Optional.of(event);
	}

	/** The database and the Redis counters keep milliseconds; so does the comparison. */
	private static FlashSaleScheduled inMillis(FlashSaleScheduled sale) {
		return new FlashSaleScheduled(sale.flashSaleId(), sale.skuId(), sale.title(), sale.priceCents(), sale.stock(),
				sale.perUserLimit(), sale.startsAt().truncatedTo(ChronoUnit.MILLIS),
				sale.endsAt().truncatedTo(ChronoUnit.MILLIS), sale.payTimeoutSeconds());
	}

	private static boolean isValid(FlashSaleScheduled sale) {
		return sale.flashSaleId() > 0 && sale.startsAt() != null && sale.endsAt() != null
				&& sale.endsAt().truncatedTo(ChronoUnit.MILLIS).isAfter(sale.startsAt().truncatedTo(ChronoUnit.MILLIS))
				&& sale.perUserLimit() >= 1 && sale.endsAt().isBefore(Instant.parse("9999-01-01T00:00:00Z"));
	}

	private PoisonMessage rejectPoison(String reason, String detail, Exception cause) {
		this.poison.increment();
		return new PoisonMessage(reason, detail, cause);
	}

}
