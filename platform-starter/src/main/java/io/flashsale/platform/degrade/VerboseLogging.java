package io.flashsale.platform.degrade;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

/**
 * The verbose-logging switch: {@code io.flashsale} logs at DEBUG while it is on, and at
 * its configured level ({@code logging.level.io.flashsale}, else inherited) otherwise.
 * Applied at start and on every environment change (refresh).
 */
class VerboseLogging {

	static final String LOGGER = "io.flashsale";

	private final LiveSwitches switches;

	private final LoggingSystem logging;

	private final Environment environment;

	private boolean verbose;

	VerboseLogging(LiveSwitches switches, LoggingSystem logging, Environment environment) {
		this.switches = switches;
		this.logging = logging;
		this.environment = environment;
	}

	@EventListener(ApplicationReadyEvent.class)
	void started() {
		apply();
	}

	@EventListener(EnvironmentChangeEvent.class)
	void changed() {
		apply();
	}

	synchronized void apply() {
		boolean on = this.switches.verboseLogging();
		if (on == this.verbose) {
			return;
		}
		this.logging.setLogLevel(LOGGER, on ? LogLevel.DEBUG : configured());
		this.verbose = on;
	}

	private LogLevel configured() {
		String level = this.environment.getProperty("logging.level." + LOGGER);
		return (level != null && !level.isBlank()) ? LogLevel.valueOf(level.trim().toUpperCase(java.util.Locale.ROOT))
				: null;
	}

}
