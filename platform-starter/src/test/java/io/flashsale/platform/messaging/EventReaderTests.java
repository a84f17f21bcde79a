package io.flashsale.platform.messaging;

import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import io.flashsale.contracts.EventEnvelope;
import io.flashsale.contracts.order.OrderCancelled;
import io.flashsale.contracts.order.OrderPaid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EventReaderTests {

	private final EventJson json = new EventJson(
			JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build());

	private final EventReader reader = new EventReader(this.json);

	private final OrderPaid paid = new OrderPaid("7-abc", 7, "alice", "p1", 100, Instant.parse("2026-11-11T00:00:05Z"));

	@Test
	void returnsTheEnvelopeOfAValidRecord() {
		EventEnvelope<OrderPaid> event = this.reader.read(record(this.json.write("7-abc", this.paid, Instant.EPOCH)),
				OrderPaid.class);

		assertThat(event.type()).isEqualTo("OrderPaid");
		assertThat(event.key()).isEqualTo("7-abc");
		assertThat(event.payload()).isEqualTo(this.paid);
	}

	@Test
	void refusesUnreadableJsonNamingTopicPartitionAndOffset() {
		assertThatExceptionOfType(PoisonMessage.class)
			.isThrownBy(() -> this.reader.read(record("not json"), OrderPaid.class))
			.satisfies((poison) -> assertThat(poison.reason()).isEqualTo("unreadable"))
			.withMessageContaining("flashsale.orders-2@41");
	}

	@Test
	void refusesARecordWithoutAValue() {
		assertThatExceptionOfType(PoisonMessage.class).isThrownBy(() -> this.reader.read(record(null), OrderPaid.class))
			.satisfies((poison) -> assertThat(poison.reason()).isEqualTo("unreadable"))
			.withMessageContaining("flashsale.orders-2@41");
	}

	@Test
	void refusesAPayloadThatCannotBeTheExpectedType() {
		String notAnObject = "{\"eventId\":\"00000000-0000-0000-0000-000000000001\",\"type\":\"OrderPaid\","
				+ "\"version\":1,\"occurredAt\":\"2026-11-11T00:00:05Z\",\"key\":\"7-abc\",\"payload\":[1,2]}";

		assertThatExceptionOfType(PoisonMessage.class)
			.isThrownBy(() -> this.reader.readIf(record(notAnObject), OrderPaid.class))
			.satisfies((poison) -> assertThat(poison.reason()).isEqualTo("unreadable"))
			.withMessageContaining("flashsale.orders-2@41");
	}

	@Test
	void skipsAnotherTypeOfEventAndReadsTheExpectedOne() {
		OrderCancelled cancelled = new OrderCancelled("7-abc", 7, 70, "alice", 1, OrderCancelled.EXPIRED,
				Instant.parse("2026-11-11T00:00:05Z"));

		assertThat(this.reader.readIf(record(this.json.write("7-abc", cancelled, Instant.EPOCH)), OrderPaid.class))
			.isEmpty();
		assertThat(this.reader.readIf(record(this.json.write("7-abc", this.paid, Instant.EPOCH)), OrderPaid.class))
			.hasValueSatisfying((event) -> assertThat(event.payload()).isEqualTo(this.paid));
	}

	@Test
	void namesTheTypeOfAnEnvelopeAndRefusesARecordThatIsNotOne() {
		assertThat(this.reader.type(record(this.json.write("7-abc", this.paid, Instant.EPOCH)))).isEqualTo("OrderPaid");
		assertThatExceptionOfType(PoisonMessage.class)
			.isThrownBy(() -> this.reader.type(record("{\"type\":\"OrderPaid\"}")))
			.satisfies((poison) -> assertThat(poison.reason()).isEqualTo("unreadable"))
			.withMessageContaining("flashsale.orders-2@41");
		assertThatExceptionOfType(PoisonMessage.class).isThrownBy(() -> this.reader.type(record(null)))
			.satisfies((poison) -> assertThat(poison.reason()).isEqualTo("unreadable"));
	}

	@Test
	void refusesAnInvalidPayloadNamingTopicPartitionAndOffset() {
		ConsumerRecord<String, String> record = record(this.json.write("7-abc", this.paid, Instant.EPOCH));
		EventEnvelope<OrderPaid> event = this.reader.read(record, OrderPaid.class);

		assertThat(this.reader.validate(record, event, (payment) -> payment.totalCents() > 0, "a positive amount"))
			.isSameAs(event);
		assertThatExceptionOfType(PoisonMessage.class)
			.isThrownBy(() -> this.reader.validate(record, event, (payment) -> payment.totalCents() > 100,
					"more than a euro"))
			.satisfies((poison) -> assertThat(poison.reason()).isEqualTo("invalid"))
			.withMessageContaining("flashsale.orders-2@41")
			.withMessageContaining("more than a euro");
		assertThatExceptionOfType(PoisonMessage.class)
			.isThrownBy(() -> this.reader.validate(record, event, (payment) -> payment.paymentId() == null,
					"invalid-order-paid", "no payment id"))
			.satisfies((poison) -> assertThat(poison.reason()).isEqualTo("invalid-order-paid"))
			.withMessageContaining("flashsale.orders-2@41");
	}

	private static ConsumerRecord<String, String> record(String value) {
		return new ConsumerRecord<>("flashsale.orders", 2, 41, "7-abc", value);
	}

}
