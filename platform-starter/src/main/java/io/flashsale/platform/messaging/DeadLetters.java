package io.flashsale.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.contracts.Topics;

import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.util.backoff.BackOff;

/**
 * Where records that cannot be processed go: the topic's dead-letter topic
 * ({@link Topics#deadLetter}), same partition, with the reason in {@link #REASON_HEADER}
 * beside spring-kafka's exception and origin headers. Nothing is silently dropped, and
 * {@code flashsale.kafka.dead.lettered} counts what was sent.
 */
public class DeadLetters {

	/** The header naming why the record was dead-lettered. */
	public static final String REASON_HEADER = "flashsale-dead-letter-reason";

	private static final Logger logger = LoggerFactory.getLogger(DeadLetters.class);

	private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

	private final KafkaOperations<String, String> kafka;

	private final MeterRegistry meters;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	public DeadLetters(KafkaOperations<String, String> kafka, MeterRegistry meters) {
		this.kafka = kafka;
		this.meters = meters;
	}

	/**
	 * An error handler that retries with {@code backOff}, except for
	 * {@link PoisonMessage}, and then dead-letters the record.
	 */
	public DefaultErrorHandler errorHandler(BackOff backOff) {
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverer(), backOff);
		handler.addNotRetryableExceptions(PoisonMessage.class);
		return handler;
	}

	/** Dead-letters a record a listener gave up on, for a {@link DefaultErrorHandler}. */
	public ConsumerRecordRecoverer recoverer() {
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(this.kafka,
				(record, ex) -> new TopicPartition(Topics.deadLetter(record.topic()), record.partition()));
		recoverer.setHeadersFunction((record, ex) -> {
			String reason = reasonOf(ex);
			count(record.topic(), reason);
			logger.error("Dead-lettering {}-{}@{} ({})", record.topic(), record.partition(), record.offset(), reason,
					ex);
			RecordHeaders headers = new RecordHeaders();
			headers.add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
			return headers;
		});
		recoverer.setFailIfSendResultIsError(true);
		recoverer.setWaitForSendResultTimeout(SEND_TIMEOUT);
		return recoverer;
	}

	/**
	 * Sends one record to its dead-letter topic and waits for the broker, for batch
	 * listeners that skip a poison record and go on with the rest.
	 * @throws IllegalStateException when the dead-letter topic does not take it; the
	 * caller must then fail the batch rather than drop the record
	 */
	public void publish(ConsumerRecord<String, String> record, String reason, Throwable cause) {
		RecordHeaders headers = new RecordHeaders();
		for (Header header : record.headers()) {
			headers.add(header);
		}
		headers.add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
		headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, record.topic().getBytes(StandardCharsets.UTF_8));
		headers.add(KafkaHeaders.DLT_ORIGINAL_PARTITION,
				Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
		headers.add(KafkaHeaders.DLT_ORIGINAL_OFFSET, Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
		if (cause != null) {
			headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, cause.getClass().getName().getBytes(StandardCharsets.UTF_8));
			headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE,
					String.valueOf(cause.getMessage()).getBytes(StandardCharsets.UTF_8));
		}
		ProducerRecord<String, String> dead = new ProducerRecord<>(Topics.deadLetter(record.topic()),
				record.partition(), record.key(), record.value(), headers);
		try {
			this.kafka.send(dead).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while dead-lettering", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException(
					"Could not dead-letter " + record.topic() + "-" + record.partition() + "@" + record.offset(), ex);
		}
		count(record.topic(), reason);
		logger.error("Dead-lettered {}-{}@{} ({}): {}", record.topic(), record.partition(), record.offset(), reason,
				(cause != null) ? cause.toString() : "");
	}

	private void count(String topic, String reason) {
		this.counters
			.computeIfAbsent(topic + '|' + reason,
					(key) -> Counter.builder("flashsale.kafka.dead.lettered")
						.description("Records sent to a dead-letter topic, by source topic and reason")
						.tag("topic", topic)
						.tag("reason", reason)
						.register(this.meters))
			.increment();
	}

	static String reasonOf(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof PoisonMessage poison) {
				return poison.reason();
			}
		}
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return "retries-exhausted:" + root.getClass().getSimpleName();
	}

}
