package io.flashsale.marketing.coupon;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.flashsale.contracts.Topics;

import io.flashsale.marketing.MarketingIntegrationTest;
import io.flashsale.platform.security.LocalTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.TestPropertySource;

import static io.flashsale.marketing.coupon.CouponFixtures.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A claim whose hand-off is not acknowledged: with a zero send timeout the claim cannot
 * wait for Kafka, so it gives the coupon back and answers 503. The record usually reaches
 * the broker anyway; the writer then finds the coupon released and stores nothing. Real
 * Redis, Kafka and MariaDB; a context of its own for the timeout.
 */
@MarketingIntegrationTest
@TestPropertySource(properties = "flashsale.marketing.coupons.send-timeout=0s")
class HandOffFailureIntegrationTests {

	@Autowired
	LocalTokens tokens;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	CouponCounters counters;

	@Autowired
	KafkaTemplate<String, String> kafka;

	@Autowired
	KafkaAdmin kafkaAdmin;

	@Autowired
	ConsumerFactory<String, String> consumers;

	@LocalServerPort
	int port;

	@Test
	void givesTheCouponBackWhenTheHandOffIsNotAcknowledgedAndStoresNothing() throws Exception {
		CouponFixtures fixtures = new CouponFixtures(this.port, this.tokens, this.jdbc);
		long template = fixtures.create(CouponFixtures.template(3, 1));

		HttpResponse<String> claim = fixtures.claim(template, fixtures.user("unlucky"), "unlucky-key-" + template);

		assertProblem(claim, 503, "claim-not-accepted");
		assertThat(claim.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(this.counters.remaining(template)).as("the coupon back before the answer").hasValue(3L);
		assertThat(this.counters.claims(template)).isEmpty();
		// The record went out anyway: once the writer group (in whichever context of this
		// JVM holds the partition) has read past it, it must have stored nothing.
		this.kafka.flush();
		awaitWriterReadToEnd();
		assertThat(fixtures.rows(template)).isZero();
		assertThat(this.counters.remaining(template)).hasValue(3L);
	}

	private void awaitWriterReadToEnd() throws Exception {
		try (AdminClient admin = AdminClient.create(this.kafkaAdmin.getConfigurationProperties());
				Consumer<String, String> consumer = this.consumers.createConsumer("probe-" + UUID.randomUUID(), null)) {
			List<TopicPartition> partitions = consumer.partitionsFor(Topics.COUPON_CLAIMS, Duration.ofSeconds(10))
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			CouponFixtures.await(() -> {
				try {
					Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("coupon-writer")
						.partitionsToOffsetAndMetadata()
						.get(10, TimeUnit.SECONDS);
					return ends.entrySet()
						.stream()
						.allMatch((end) -> end.getValue() == 0 || (committed.get(end.getKey()) != null
								&& committed.get(end.getKey()).offset() >= end.getValue()));
				}
				catch (Exception ex) {
					return false;
				}
			}, "the coupon writer read " + Topics.COUPON_CLAIMS + " to " + ends);
		}
	}

}
