package io.flashsale.order.writer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.contracts.Topics;
import io.flashsale.platform.messaging.TopicOffsets;

import org.springframework.stereotype.Component;

/**
 * How far the order writer has got through the reservation records Kafka acknowledged.
 *
 * <p>
 * Every look takes a snapshot: the instant, then the log-end offset of each partition of
 * the reservations topic. A record Kafka acknowledged before that instant lies below
 * those offsets. Once the writer's committed offsets reach a snapshot's, every such
 * record has been through the writer (written, or refused because its reservation was
 * released), so the writer is <em>drained as of</em> the snapshot's instant. The reaper
 * releases only reservations older than that, and a counter rebuild waits for it: a
 * reservation whose record is still in Kafka is never given back, however far behind the
 * writer is. When Kafka cannot be asked, nothing is known and both wait (fail closed).
 */
@Component
public class WriterBacklog {

	/** The writer's consumer group: its listener id. */
	static final String WRITER_GROUP = "order-writer";

	private static final Logger logger = LoggerFactory.getLogger(WriterBacklog.class);

	private static final Duration KEPT = Duration.ofHours(1);

	private final TopicOffsets offsets;

	private final Clock clock;

	private final Deque<Snapshot> snapshots = new ArrayDeque<>();

	private volatile long lastLag = -1;

	WriterBacklog(TopicOffsets offsets, Clock clock, MeterRegistry meters) {
		this.offsets = offsets;
		this.clock = clock;
		Gauge.builder("flashsale.orders.writer.lag", this, (backlog) -> backlog.lastLag)
			.description("Reservation records acknowledged by Kafka and not yet through the order writer, "
					+ "at the last look (-1: unknown)")
			.baseUnit("records")
			.register(meters);
	}

	/**
	 * Looks at Kafka now.
	 * @return the latest instant before which every acknowledged reservation record went
	 * through the writer; empty when Kafka cannot be asked or the writer is behind every
	 * snapshot kept
	 */
	public synchronized Optional<Instant> drainedAsOf() {
		try {
			Instant now = this.clock.instant();
			Map<Integer, Long> ends = this.offsets.endOffsets(Topics.ORDER_RESERVATIONS);
			this.snapshots.addLast(new Snapshot(now, ends));
			while (this.snapshots.size() > 1 && this.snapshots.peekFirst().at().isBefore(now.minus(KEPT))) {
				this.snapshots.removeFirst();
			}
			Map<Integer, Long> committed = this.offsets.committedOffsets(WRITER_GROUP, Topics.ORDER_RESERVATIONS);
			this.lastLag = ends.entrySet()
				.stream()
				.mapToLong((end) -> Math.max(0, end.getValue() - committed.getOrDefault(end.getKey(), 0L)))
				.sum();
			for (Iterator<Snapshot> newestFirst = this.snapshots.descendingIterator(); newestFirst.hasNext();) {
				Snapshot snapshot = newestFirst.next();
				if (snapshot.coveredBy(committed)) {
					return Optional.of(snapshot.at());
				}
			}
			return Optional.empty();
		}
		catch (RuntimeException | ExecutionException | TimeoutException ex) {
			logger.warn("Cannot tell how far the order writer is: {}", ex.toString());
			this.lastLag = -1;
			return Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}

	/**
	 * Waits until every reservation record acknowledged before {@code instant} has gone
	 * through the writer.
	 * @return whether it did within the timeout
	 */
	public boolean awaitDrained(Instant instant, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			Optional<Instant> drained = drainedAsOf();
			if (drained.isPresent() && !drained.get().isBefore(instant)) {
				return true;
			}
			if (System.nanoTime() >= deadline) {
				return false;
			}
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
	}

	/** Records not yet through the writer at the last look; -1 when unknown. */
	public long lastLag() {
		return this.lastLag;
	}

	private record Snapshot(Instant at, Map<Integer, Long> ends) {

		boolean coveredBy(Map<Integer, Long> committed) {
			return this.ends.entrySet()
				.stream()
				.allMatch((end) -> end.getValue() <= committed.getOrDefault(end.getKey(), 0L));
		}

	}

}
