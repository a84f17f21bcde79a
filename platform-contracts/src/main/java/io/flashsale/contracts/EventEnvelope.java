package io.flashsale.contracts;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Metadata every published event carries beside its payload.
 *
 * <p>
 * Events only ever gain fields and readers ignore unknown ones, so {@code version} says
 * which fields a producer knew of, not how to parse the record. {@code eventId} is what
 * idempotent consumers record as processed.
 *
 * @param eventId unique per event, stable across redeliveries
 * @param type the past-tense event name, for example {@code StockReserved}
 * @param version the schema version of the payload
 * @param occurredAt when the fact happened, not when it was sent
 * @param key the partition key, usually the aggregate id (an order id)
 * @param payload the event record itself
 * @param <T> the payload type
 */
public record EventEnvelope<T>(UUID eventId, String type, int version, Instant occurredAt, String key, T payload) {

	public EventEnvelope {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(payload, "payload");
		if (version < 1) {
			throw new IllegalArgumentException("version must be at least 1");
		}
	}

	public static <T> EventEnvelope<T> of(String key, T payload, Instant occurredAt) {
		return new EventEnvelope<>(Ids.randomUuid(), payload.getClass().getSimpleName(), 1, occurredAt, key, payload);
	}

}
