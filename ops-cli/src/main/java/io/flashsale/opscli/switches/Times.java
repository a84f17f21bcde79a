package io.flashsale.opscli.switches;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/**
 * The times of {@code plan apply --at T --until T}: an ISO-8601 instant or offset
 * date-time, or {@code HH:MM}, the first such local time after a given instant.
 */
final class Times {

	private final Clock clock;

	/**
	 * Times read in one zone.
	 * @param clock now, and the zone of {@code HH:MM}
	 */
	Times(Clock clock) {
		this.clock = clock;
	}

	Instant now() {
		return this.clock.instant();
	}

	/**
	 * Reads a time.
	 * @param text the time, or {@code null}
	 * @param after the time {@code HH:MM} must follow
	 * @return the instant, or {@code null}
	 * @throws UsageError for anything else
	 */
	Instant parse(String text, Instant after) {
		if (text == null) {
			return null;
		}
		if (text.matches("\\d{1,2}:\\d{2}")) {
			LocalTime local;
			try {
				local = LocalTime.parse((text.length() == 4) ? "0" + text : text);
			}
			catch (DateTimeParseException ex) {
				throw new UsageError("not a time of day: " + text);
			}
			ZonedDateTime candidate = after.atZone(this.clock.getZone()).with(local).withSecond(0).withNano(0);
			if (!candidate.toInstant().isAfter(after)) {
				candidate = candidate.plusDays(1).with(local);
			}
			return candidate.toInstant();
		}
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			try {
				return OffsetDateTime.parse(text).toInstant();
			}
			catch (DateTimeException notOffset) {
				throw new UsageError("not a time: " + text + " (use 2026-11-11T23:55:00Z or 23:55)");
			}
		}
	}

}
