package io.flashsale.order;

import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * A producer interceptor for hand-off tests: runs a test's action as a record is handed
 * to the producer, before any acknowledgement, so that a race (the order writer claiming
 * a reservation before the purchase gives up on its send) happens every time rather than
 * by chance. Does nothing unless a test sets an action.
 */
public class ClaimOnSend implements ProducerInterceptor<String, String> {

	private static volatile Consumer<String> action = (key) -> {
	};

	/** Runs for the key of every record sent until {@link #reset()}. */
	static void onSend(Consumer<String> onKey) {
		action = onKey;
	}

	static void reset() {
		action = (key) -> {
		};
	}

	@Override
	public ProducerRecord<String, String> onSend(ProducerRecord<String, String> record) {
		if (record.key() != null) {
			action.accept(record.key());
		}
		return record;
	}

	@Override
	public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
	}

	@Override
	public void close() {
	}

	@Override
	public void configure(Map<String, ?> configs) {
	}

}
