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
 * @param occurredAt when the fact happened
 * @param identity what makes one event of this type different from every other, such as
 * the payment id of a {@code PaymentSucceeded}; with the type it makes the envelope's
 * event id, so a resubmitted event keeps its id and two distinct events never share one
 * @param <T> the event type
 */
public record OutboxRoute<T>(Class<T> type, String topic, Function<? super T, String> key,
		Function<? super T, Instant> occurredAt, Function<? super T, String> identity) {

	public OutboxRoute {
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(topic, "topic");
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Objects.requireNonNull(identity, "identity");
	}

	/**
	 * A route whose events are identified by their key and time: right for events that
	 * happen once per aggregate (an order is paid once).
	 */
	public static <T> OutboxRoute<T> of(Class<T> type, String topic, Function<? super T, String> key,
			Function<? super T, Instant> occurredAt) {
		return new OutboxRoute<>(type, topic, key, occurredAt,
				(event) -> key.apply(event) + '|' + occurredAt.apply(event));
	}

	/** A route whose events carry their own identity (a payment id, a refund id). */
	public static <T> OutboxRoute<T> of(Class<T> type, String topic, Function<? super T, String> key,
			Function<? super T, Instant> occurredAt, Function<? super T, String> identity) {
		return new OutboxRoute<>(type, topic, key, occurredAt, identity);
	}

	String keyOf(Object event) {
		return this.key.apply(this.type.cast(event));
	}

	String identityOf(Object event) {
		return this.identity.apply(this.type.cast(event));
	}

	Instant occurredAtOf(Object event) {
		return this.occurredAt.apply(this.type.cast(event));
	}

}
