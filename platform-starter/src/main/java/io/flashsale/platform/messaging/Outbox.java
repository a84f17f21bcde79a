package io.flashsale.platform.messaging;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Publishes events that other services must learn of, in the caller's database
 * transaction.
 *
 * <p>
 * The event is recorded in Spring Modulith's event publication registry (the
 * {@code EVENT_PUBLICATION} table) by the same transaction as the state change it
 * describes, and sent to Kafka after commit. A send that fails, or a process that dies
 * before sending, leaves the publication incomplete, and {@link OutboxResubmitter} sends
 * it again: delivery is at least once, and the envelope's event id stays the same across
 * resubmissions so consumers can deduplicate.
 */
public class Outbox {

	private final ApplicationEventPublisher publisher;

	private final OutboxRoutes routes;

	Outbox(ApplicationEventPublisher publisher, OutboxRoutes routes) {
		this.publisher = publisher;
		this.routes = routes;
	}

	/**
	 * Records the event in the current transaction.
	 * @throws IllegalStateException outside a transaction (the event would be lost) or
	 * for an event type without an {@link OutboxRoute}
	 */
	public void publish(Object event) {
		if (!this.routes.supports(event)) {
			throw new IllegalStateException("No OutboxRoute for " + event.getClass().getName());
		}
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException(
					"Outbox.publish needs the transaction that changes the state it reports; none is active");
		}
		this.publisher.publishEvent(event);
	}

}
