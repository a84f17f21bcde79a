package io.flashsale.order.cancellation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.order.OrderProperties;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Runs the queue poller and the sweep at the intervals of {@link OrderProperties}, each
 * after the previous run ended. A failed run is logged and the next one retries.
 */
@Configuration(proxyBeanMethods = false)
class ExpirySchedule implements SchedulingConfigurer {

	private static final Logger logger = LoggerFactory.getLogger(ExpirySchedule.class);

	private final DeadlineQueuePoller poller;

	private final OverdueSweep sweep;

	private final OrderProperties properties;

	ExpirySchedule(DeadlineQueuePoller poller, OverdueSweep sweep, OrderProperties properties) {
		this.poller = poller;
		this.sweep = sweep;
		this.properties = properties;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(() -> run("Polling the delayed-cancel queue", this.poller::poll),
				this.properties.deadlinePollInterval());
		registrar.addFixedDelayTask(() -> run("Sweeping overdue orders", this.sweep::sweep),
				this.properties.sweepInterval());
	}

	private static void run(String what, Runnable task) {
		try {
			task.run();
		}
		catch (RuntimeException ex) {
			logger.warn("{} failed; the next run retries", what, ex);
		}
	}

}
