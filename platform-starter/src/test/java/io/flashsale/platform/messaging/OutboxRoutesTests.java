package io.flashsale.platform.messaging;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import io.flashsale.contracts.EventEnvelope;
import io.flashsale.contracts.Topics;
import io.flashsale.contracts.order.OrderCancelled;
import io.flashsale.contracts.order.OrderPaid;

import org.springframework.modulith.events.RoutingTarget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class OutboxRoutesTests {

	private final EventJson json = new EventJson(
			JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build());

	private final OutboxRoutes routes = new OutboxRoutes(List
		.of(OutboxRoute.of(OrderCancelled.class, Topics.ORDERS, OrderCancelled::orderId, OrderCancelled::cancelledAt)),
			this.json);

	private final OrderCancelled cancelled = new OrderCancelled("7-abc", 7, 70, "alice", 1, OrderCancelled.EXPIRED,
			Instant.parse("2026-11-11T00:00:05Z"));

	@Test
	void routesDeclaredTypesOnlyToTheirTopicAndKey() {
		assertThat(this.routes.supports(this.cancelled)).isTrue();
		assertThat(this.routes.supports(new OrderPaid("7-abc", 7, "alice", "p1", 100, Instant.now()))).isFalse();
		RoutingTarget target = this.routes.determineTarget(this.cancelled);
		assertThat(target.getTarget()).isEqualTo(Topics.ORDERS);
		assertThat(target.getKey()).isEqualTo("7-abc");
	}

	@Test
	void writesTheEnvelopeWithTheSameEventIdEveryTime() {
		String first = (String) this.routes.map(this.cancelled);
		String resubmitted = (String) this.routes.map(this.cancelled);
		EventEnvelope<OrderCancelled> envelope = this.json.read(first, OrderCancelled.class);
		assertThat(envelope.eventId()).isEqualTo(this.json.read(resubmitted, OrderCancelled.class).eventId());
		assertThat(envelope.type()).isEqualTo("OrderCancelled");
		assertThat(envelope.key()).isEqualTo("7-abc");
		assertThat(envelope.occurredAt()).isEqualTo(this.cancelled.cancelledAt());
		assertThat(envelope.payload()).isEqualTo(this.cancelled);
		OrderCancelled other = new OrderCancelled("7-abd", 7, 70, "bob", 1, OrderCancelled.EXPIRED,
				this.cancelled.cancelledAt());
		assertThat(this.json.read((String) this.routes.map(other), OrderCancelled.class).eventId())
			.isNotEqualTo(envelope.eventId());
	}

	@Test
	void givesTwoEventsOfOneKeyAndInstantDistinctIdsWhenTheyCarryTheirOwnIdentity() {
		Instant now = Instant.parse("2026-11-11T00:00:05Z");
		OutboxRoutes paid = new OutboxRoutes(List.of(OutboxRoute.of(OrderPaid.class, Topics.ORDERS, OrderPaid::orderId,
				OrderPaid::paidAt, OrderPaid::paymentId)), this.json);
		var first = paid.envelope(new OrderPaid("7-abc", 7, "alice", "pay-1", 100, now));
		var second = paid.envelope(new OrderPaid("7-abc", 7, "alice", "pay-2", 100, now));
		assertThat(first.eventId()).isNotEqualTo(second.eventId());
		assertThat(first.key()).isEqualTo(second.key()).isEqualTo("7-abc");
	}

	@Test
	void refusesToPublishOutsideATransactionOrWithoutARoute() {
		Outbox outbox = new Outbox((event) -> {
			throw new AssertionError("must not publish");
		}, this.routes);
		assertThatIllegalStateException().isThrownBy(() -> outbox.publish(this.cancelled))
			.withMessageContaining("transaction");
		assertThatIllegalStateException()
			.isThrownBy(() -> outbox.publish(new OrderPaid("7-abc", 7, "alice", "p1", 100, Instant.now())))
			.withMessageContaining("No OutboxRoute");
	}

	@Test
	void namesTheReasonOfADeadLetter() {
		assertThat(DeadLetters.reasonOf(new RuntimeException(new PoisonMessage("unreadable", "not JSON"))))
			.isEqualTo("unreadable");
		assertThat(DeadLetters.reasonOf(new RuntimeException(new IllegalStateException("db down"))))
			.isEqualTo("retries-exhausted:IllegalStateException");
	}

}
