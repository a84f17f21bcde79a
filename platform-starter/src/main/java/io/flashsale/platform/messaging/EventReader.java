package io.flashsale.platform.messaging;

import java.util.Optional;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;

import io.flashsale.contracts.EventEnvelope;

/**
 * How a listener reads a Kafka record: as the {@link EventEnvelope} of the payload type
 * it expects, or a {@link PoisonMessage} naming the record (topic, partition, offset) and
 * the reason. A single-record listener lets the poison message go to
 * {@link DeadLetters#errorHandler}; a batch listener catches it and hands the record to
 * {@link DeadLetters#publish} with {@link PoisonMessage#reason()}.
 */
public class EventReader {

	/** The reason of a record that is not an event envelope of the expected type. */
	public static final String UNREADABLE = "unreadable";

	/** The reason of a readable event whose payload breaks the listener's rules. */
	public static final String INVALID = "invalid";

	private final EventJson json;

	public EventReader(EventJson json) {
		this.json = json;
	}

	/**
	 * Reads the record as an envelope of {@code payloadType}.
	 * @throws PoisonMessage with reason {@link #UNREADABLE} when it is not one
	 */
	public <T> EventEnvelope<T> read(ConsumerRecord<String, String> record, Class<T> payloadType) {
		try {
			return this.json.read(record.value(), payloadType);
		}
		catch (RuntimeException ex) {
			throw unreadable(record, ex);
		}
	}

	/**
	 * Reads the record as an envelope of {@code payloadType} if its envelope names that
	 * type ({@link Class#getSimpleName()}), for topics that carry several event types.
	 * @return the event, or empty when the record is another type of event
	 * @throws PoisonMessage with reason {@link #UNREADABLE} when it is not an event
	 * envelope, or names the type but cannot be read as it
	 */
	public <T> Optional<EventEnvelope<T>> readIf(ConsumerRecord<String, String> record, Class<T> payloadType) {
		if (!payloadType.getSimpleName().equals(type(record))) {
			return Optional.empty();
		}
		return Optional.of(read(record, payloadType));
	}

	/**
	 * The type the record's envelope names, for a listener that handles several types of
	 * event of one topic and reads each with {@link #read} once it knows which.
	 * @throws PoisonMessage with reason {@link #UNREADABLE} when it is not an event
	 * envelope
	 */
	public String type(ConsumerRecord<String, String> record) {
		try {
			return this.json.read(record.value(), JsonNode.class).type();
		}
		catch (RuntimeException ex) {
			throw unreadable(record, ex);
		}
	}

	/**
	 * Checks a payload against the listener's rules.
	 * @param rule what a valid payload needs, for the error's detail
	 * @throws PoisonMessage with reason {@link #INVALID} when {@code valid} refuses it
	 */
	public <T> EventEnvelope<T> validate(ConsumerRecord<String, String> record, EventEnvelope<T> event,
			Predicate<? super T> valid, String rule) {
		return validate(record, event, valid, INVALID, rule);
	}

	/**
	 * Checks a payload against the listener's rules, with a reason of the listener's own
	 * (such as {@code invalid-order-cancelled}) for a topic that carries several types.
	 * @param reason the poison message's reason
	 * @param rule what a valid payload needs, for the error's detail
	 * @throws PoisonMessage with {@code reason} when {@code valid} refuses it
	 */
	public <T> EventEnvelope<T> validate(ConsumerRecord<String, String> record, EventEnvelope<T> event,
			Predicate<? super T> valid, String reason, String rule) {
		if (!valid.test(event.payload())) {
			throw new PoisonMessage(reason, at(record) + ": " + rule + ": " + event.payload());
		}
		return event;
	}

	private static PoisonMessage unreadable(ConsumerRecord<String, String> record, RuntimeException ex) {
		return new PoisonMessage(UNREADABLE,
				at(record) + " is not a readable event envelope: " + ex.getClass().getSimpleName(), ex);
	}

	/**
	 * The record's place, {@code topic-partition@offset}, as {@link DeadLetters} logs it.
	 */
	static String at(ConsumerRecord<?, ?> record) {
		return record.topic() + "-" + record.partition() + "@" + record.offset();
	}

}
