package io.flashsale.order;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.flashsale.contracts.Topics;
import io.flashsale.contracts.order.OrderPlaced;
import io.flashsale.order.orders.OrderIds;
import io.flashsale.platform.messaging.Outbox;
import io.flashsale.testsupport.IntegrationTest;
import io.flashsale.testsupport.Outages;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox relay on a real broker that stalls: events committed while Kafka is frozen
 * (SIGSTOP, 12 s: past the producer's 10 s delivery timeout) fail their first send and
 * must still reach the topic once it goes on. Frozen rather than stopped, so that the
 * other test contexts of this JVM keep their consumer groups. Before the relay
 * resubmitted failed publications they stayed FAILED in the registry for good, which is
 * how inventory's stock missed orders after a broker freeze. Relay every second here (30
 * s in the services).
 */
@IntegrationTest
@TestPropertySource(properties = { "flashsale.outbox.resubmit-interval=1s", "flashsale.outbox.resubmit-older-than=1s",
		"logging.level.org.springframework.modulith=DEBUG" })
class OutboxRelayIntegrationTests {

	private final TestService service;

	@Autowired
	Outbox outbox;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	ConsumerFactory<String, String> consumers;

	@Autowired
	Outages outages;

	OutboxRelayIntegrationTests(@Autowired ApplicationContext context) {
		this.service = new TestService(context);
	}

	@AfterEach
	void brokerBack() {
		this.outages.thaw(Outages.Server.KAFKA);
	}

	/** 5 OrderPlaced committed while the broker is frozen: all 5 on the topic after. */
	@Test
	void sendsEventsWhoseFirstSendFailedOnceTheBrokerIsBack() throws Exception {
		List<String> orderIds = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			orderIds.add(OrderIds.next(990));
		}
		try (TopicTap tap = new TopicTap(this.consumers, Topics.ORDERS)) {
			this.outages.freeze(Outages.Server.KAFKA);
			this.transactions
				.executeWithoutResult((status) -> orderIds.forEach((id) -> this.outbox.publish(new OrderPlaced(id, 990,
						77, "relay-" + id, 1, 1999, Instant.now().plusSeconds(900), Instant.now()))));
			TestSales.await(() -> failed(orderIds) == 5, "the 5 first sends failed while the broker is frozen");

			this.outages.thaw(Outages.Server.KAFKA);
			tap.await((records) -> keys(records).containsAll(orderIds), "the 5 events on the topic");
			TestSales.await(() -> pending(orderIds) == 0, "the 5 publications completed");
		}
	}

	private static Set<String> keys(List<ConsumerRecord<String, String>> records) {
		return records.stream().map(ConsumerRecord::key).collect(Collectors.toSet());
	}

	private long failed(List<String> orderIds) {
		return count(orderIds, " AND STATUS = 'FAILED'");
	}

	private long pending(List<String> orderIds) {
		return count(orderIds, "");
	}

	private long count(List<String> orderIds, String condition) {
		long total = 0;
		for (String id : orderIds) {
			Long n = this.service.jdbc()
				.queryForObject("SELECT COUNT(*) FROM EVENT_PUBLICATION WHERE SERIALIZED_EVENT LIKE ?" + condition,
						Long.class, "%" + id + "%");
			total += (n != null) ? n : 0;
		}
		return total;
	}

}
