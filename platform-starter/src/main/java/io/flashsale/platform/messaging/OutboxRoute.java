package io.flashsale.platform.messaging;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

/**
 * How one event type leaves a service through the {@link Outbox}: its topic, its
 * partition key and when it happened. Declare one bean per published event type.
 *
 * @param type the event record's class
 * @param topic the Kafka topic
 * @param key the partition key, usually the aggregate id
 * @param occurredAt when the fact happened; with the type and key it makes the envelope's
 * event id, so a resubmitted event keeps its id
 * @param <T> the event type
 */
public record OutboxRoute<T>(Class<T> type, String topic, Function<? super T, String> key,
		Function<? super T, Instant> occurredAt) {

	public OutboxRoute {
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(topic, "topic");
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(occurredAt, "occurredAt");
	}

	public static <T> OutboxRoute<T> of(Class<T> type, String topic, Function<? super T, String> key,
			Function<? super T, Instant> occurredAt) {
		return new OutboxRoute<>(type, topic, key, occurredAt);
	}

	String keyOf(Object event) {
		return this.key.apply(this.type.cast(event));
	}

	Instant occurredAtOf(Object event) {
		return this.occurredAt.apply(this.type.cast(event));
	}

}
