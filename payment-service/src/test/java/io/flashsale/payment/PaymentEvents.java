package io.flashsale.payment;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.flashsale.contracts.Topics;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Everything published on {@code flashsale.payments}, read back from the real broker by a
 * consumer group of its own.
 */
@TestConfiguration(proxyBeanMethods = false)
public class PaymentEvents {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final List<Event> received = new CopyOnWriteArrayList<>();

	@KafkaListener(id = "test.payments", groupId = "#{T(java.util.UUID).randomUUID().toString()}",
			topics = Topics.PAYMENTS)
	void record(ConsumerRecord<String, String> record) {
		JsonNode envelope = JSON.readTree(record.value());
		this.received.add(new Event(envelope.path("eventId").asString(), envelope.path("type").asString(), record.key(),
				envelope.path("payload")));
	}

	/** The events of one type about one payment. */
	public List<Event> of(String type, String paymentId) {
		return this.received.stream()
			.filter((event) -> event.type().equals(type)
					&& paymentId.equals(event.payload().path("paymentId").asString()))
			.toList();
	}

	/**
	 * One received event.
	 *
	 * @param eventId the envelope's event id
	 * @param type the event type
	 * @param key the record key
	 * @param payload the event
	 */
	public record Event(String eventId, String type, String key, JsonNode payload) {

	}

}
