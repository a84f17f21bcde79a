package io.flashsale.platform.degrade;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * The fallback when the bus is down: every {@code flashsale.switches.poll-interval}
 * (default 10 s) asks the config server for its switch version and refreshes when it
 * changed.
 */
class SwitchPoller implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SwitchPoller.class);

	private final SwitchRefresher refresher;

	private final Duration interval;

	private ScheduledExecutorService scheduler;

	SwitchPoller(SwitchRefresher refresher, Duration interval) {
		this.refresher = refresher;
		this.interval = interval;
	}

	@Override
	public synchronized void start() {
		this.scheduler = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("switch-poller").daemon(true).factory());
		long millis = this.interval.toMillis();
		this.scheduler.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
	}

	private void poll() {
		try {
			this.refresher.refreshIfChanged("poll");
		}
		catch (RuntimeException ex) {
			log.warn("Switch poll failed; trying again in {}", this.interval, ex);
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
