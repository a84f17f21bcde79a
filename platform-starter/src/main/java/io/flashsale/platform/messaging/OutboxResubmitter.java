package io.flashsale.platform.messaging;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;

/**
 * The outbox relay's second chance: publications still incomplete some time after they
 * were recorded (the process died before or during the send) and publications whose send
 * failed (the broker stalled or was down) are sent again. Both are needed: Spring
 * Modulith 2.0 marks a failed send FAILED, and its resubmission of incomplete
 * publications leaves FAILED ones alone, so without the second call an event whose send
 * failed once was never sent (seen as inventory stock that never caught up after a broker
 * freeze). Every instance does this, so an event may be sent more than once; consumers
 * deduplicate by event id.
 */
class OutboxResubmitter implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(OutboxResubmitter.class);

	private final IncompleteEventPublications incomplete;

	private final FailedEventPublications failed;

	private final Duration interval;

	private final Duration olderThan;

	private ScheduledExecutorService scheduler;

	OutboxResubmitter(IncompleteEventPublications incomplete, FailedEventPublications failed, Duration interval,
			Duration olderThan) {
		this.incomplete = incomplete;
		this.failed = failed;
		this.interval = interval;
		this.olderThan = olderThan;
	}

	@Override
	public synchronized void start() {
		this.scheduler = Executors
			.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("outbox-resubmit").factory());
		long period = this.interval.toMillis();
		this.scheduler.scheduleWithFixedDelay(this::resubmit, period, period, TimeUnit.MILLISECONDS);
	}

	void resubmit() {
		try {
			this.incomplete.resubmitIncompletePublicationsOlderThan(this.olderThan);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not resubmit incomplete event publications; will try again", ex);
		}
		try {
			this.failed.resubmit(ResubmissionOptions.defaults().withMinAge(this.olderThan));
		}
		catch (RuntimeException ex) {
			logger.warn("Could not resubmit failed event publications; will try again", ex);
		}
	}

	@Override
	public synchronized void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

}
