package io.flashsale.inventory.schedule;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.contracts.marketing.FlashSaleScheduled;
import io.flashsale.inventory.allocation.FlashSaleStock;
import io.flashsale.inventory.allocation.FlashSaleStocks;

import org.springframework.stereotype.Component;

/**
 * Stores the window and per-user limit of a scheduled sale on its stock row, where the
 * warmer finds them. The latest schedule per sale is authoritative and schedules may
 * repeat: the row keeps the schedule with the newest {@code occurredAt}, so a repeat
 * changes nothing and an older schedule never overwrites a newer one. Allocated and
 * remaining stock are never touched here.
 *
 * <p>
 * A schedule for a sale with no allocation is logged and dropped: the stock row is
 * written by the allocation, not by the campaign.
 */
@Component
class FlashSaleSchedules {

	private static final Logger log = LoggerFactory.getLogger(FlashSaleSchedules.class);

	private final FlashSaleStocks stocks;

	FlashSaleSchedules(FlashSaleStocks stocks) {
		this.stocks = stocks;
	}

	/**
	 * Whether a schedule can be stored: a window that ends after it starts (in
	 * milliseconds, as stored) before the year 9999, and a per-user limit of at least 1.
	 */
	static boolean isValid(FlashSaleScheduled sale) {
		return sale.flashSaleId() > 0 && sale.startsAt() != null && sale.endsAt() != null
				&& sale.endsAt().truncatedTo(ChronoUnit.MILLIS).isAfter(sale.startsAt().truncatedTo(ChronoUnit.MILLIS))
				&& sale.perUserLimit() >= 1 && sale.endsAt().isBefore(Instant.parse("9999-01-01T00:00:00Z"));
	}

	/**
	 * Stores a valid schedule unless a newer one is stored.
	 * @param eventId the event's id, for the log
	 * @param scheduled the schedule
	 * @param occurredAt when it was published, which orders schedules
	 */
	void store(UUID eventId, FlashSaleScheduled scheduled, Instant occurredAt) {
		FlashSaleScheduled sale = inMillis(scheduled);
		Optional<FlashSaleStock> before = this.stocks.find(sale.flashSaleId());
		int stored = this.stocks.schedule(sale.flashSaleId(), sale.startsAt(), sale.endsAt(), sale.perUserLimit(),
				occurredAt.truncatedTo(ChronoUnit.MILLIS));
		if (stored == 0) {
			if (before.isEmpty() && this.stocks.find(sale.flashSaleId()).isEmpty()) {
				log.warn("Ignoring FlashSaleScheduled {} for flash sale {}: no stock is allocated to it", eventId,
						sale.flashSaleId());
			}
			else {
				log.info("Ignoring FlashSaleScheduled {} for flash sale {}: a newer schedule is stored", eventId,
						sale.flashSaleId());
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

	/** The database and the Redis counters keep milliseconds; so does the comparison. */
	private static FlashSaleScheduled inMillis(FlashSaleScheduled sale) {
		return new FlashSaleScheduled(sale.flashSaleId(), sale.skuId(), sale.title(), sale.priceCents(), sale.stock(),
				sale.perUserLimit(), sale.startsAt().truncatedTo(ChronoUnit.MILLIS),
				sale.endsAt().truncatedTo(ChronoUnit.MILLIS), sale.payTimeoutSeconds());
	}

}
