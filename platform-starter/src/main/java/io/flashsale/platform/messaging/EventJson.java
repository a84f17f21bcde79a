package io.flashsale.platform.messaging;

import java.time.Instant;

import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

import io.flashsale.contracts.EventEnvelope;

/**
 * Writes and reads {@link EventEnvelope} JSON, the body of every Kafka record. Readers
 * ignore fields they do not know, so producers may add fields without breaking them.
 */
public class EventJson {

	private final JsonMapper json;

	public EventJson(JsonMapper json) {
		this.json = json;
	}

	public <T> String write(String key, T payload, Instant occurredAt) {
		return write(EventEnvelope.of(key, payload, occurredAt));
	}

	public String write(EventEnvelope<?> envelope) {
		return this.json.writeValueAsString(envelope);
	}

	public <T> EventEnvelope<T> read(String value, Class<T> payloadType) {
		JavaType type = this.json.getTypeFactory().constructParametricType(EventEnvelope.class, payloadType);
		return this.json.readValue(value, type);
	}

}
