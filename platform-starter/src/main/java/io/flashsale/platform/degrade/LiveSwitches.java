package io.flashsale.platform.degrade;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.Environment;

/**
 * The degrade switches ({@code flashsale.switches.*}, defined in {@link Switch}), read
 * from the Environment on every call, so a refresh (bus or poll) or a test's property
 * source takes effect at once, without rebinding anything. The defaults are those of
 * {@link Switch}, which {@code config-repo/application.yml} ships too, so a service
 * without the config server behaves as shipped.
 *
 * <p>
 * A value that does not parse falls back to the default and is logged once: a bad
 * override must never take a service down (the config server validates values first).
 */
public class LiveSwitches {

	private static final ShedLevel DEFAULT_SHED = ShedLevel.parse((String) Switch.SHED.defaultValue());

	private static final Logger log = LoggerFactory.getLogger(LiveSwitches.class);

	private final Environment environment;

	private final Set<String> reported = ConcurrentHashMap.newKeySet();

	public LiveSwitches(Environment environment) {
		this.environment = environment;
	}

	/**
	 * Which grades are shed ({@code flashsale.switches.shed}, default {@code none}).
	 * @return the shed level
	 */
	public ShedLevel shed() {
		String value = this.environment.getProperty(Switch.SHED.key());
		if (value == null || value.isBlank()) {
			return DEFAULT_SHED;
		}
		try {
			return ShedLevel.parse(value);
		}
		catch (IllegalArgumentException ex) {
			return invalid(Switch.SHED.key(), value, DEFAULT_SHED);
		}
	}

	/**
	 * Whether endpoints of the grade answer their fallback now.
	 * @param grade the grade
	 * @return whether it is shed
	 */
	public boolean sheds(Grade grade) {
		return shed().sheds(grade);
	}

	/**
	 * The flash-sale kill switch ({@code flashsale.switches.sale-kill}, default off):
	 * every purchase answers 503 {@code sale-paused} and reserves nothing.
	 * @return whether sales are paused
	 */
	public boolean saleKill() {
		return flag(Switch.SALE_KILL);
	}

	/**
	 * The coupon-claim pause ({@code flashsale.switches.coupon-claim}, default off): on,
	 * every coupon claim answers 503 {@code coupon-claim-paused} and issues nothing.
	 * @return whether coupon claims are paused
	 */
	public boolean couponClaimPaused() {
		return flag(Switch.COUPON_CLAIM);
	}

	/**
	 * Whether reading an unpaid order past its deadline cancels it first
	 * ({@code flashsale.switches.passive-cancel}, default on).
	 * @return whether passive cancel is on
	 */
	public boolean passiveCancel() {
		return flag(Switch.PASSIVE_CANCEL);
	}

	/**
	 * Whether a sale whose Redis counters were lost is rebuilt from the orders of record
	 * by itself once the order writer has drained
	 * ({@code flashsale.switches.counter-auto-rebuild}, default on). Off: the sale stays
	 * paused until an admin runs the rebuild.
	 * @return whether lost counters are rebuilt automatically
	 */
	public boolean counterAutoRebuild() {
		return flag(Switch.COUNTER_AUTO_REBUILD);
	}

	/**
	 * Whether {@code io.flashsale} logs at DEBUG
	 * ({@code flashsale.switches.verbose-logging}, default off).
	 * @return whether verbose logging is on
	 */
	public boolean verboseLogging() {
		return flag(Switch.VERBOSE_LOGGING);
	}

	/**
	 * Whether the slow-SQL guard refuses non-core statements and those over the budget
	 * ({@code flashsale.switches.slow-sql-guard}, default off).
	 * @return whether the guard is on
	 */
	public boolean slowSqlGuard() {
		return flag(Switch.SLOW_SQL_GUARD);
	}

	/**
	 * The slow-SQL guard's time budget ({@code flashsale.switches.slow-sql-budget-ms},
	 * default 200 ms).
	 * @return the budget
	 */
	public Duration slowSqlBudget() {
		String key = Switch.SLOW_SQL_BUDGET_MS.key();
		String value = this.environment.getProperty(key);
		Duration fallback = Duration.ofMillis((Long) Switch.SLOW_SQL_BUDGET_MS.defaultValue());
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			long millis = Long.parseLong(value.trim());
			return (millis >= Switch.SLOW_SQL_BUDGET_MS.min()) ? Duration.ofMillis(millis)
					: invalid(key, value, fallback);
		}
		catch (NumberFormatException ex) {
			return invalid(key, value, fallback);
		}
	}

	private boolean flag(Switch flag) {
		String key = flag.key();
		boolean fallback = (Boolean) flag.defaultValue();
		String value = this.environment.getProperty(key);
		if (value == null || value.isBlank()) {
			return fallback;
		}
		return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
			case "true", "on", "yes" -> true;
			case "false", "off", "no" -> false;
			default -> invalid(key, value, fallback);
		};
	}

	private <T> T invalid(String key, String value, T fallback) {
		if (this.reported.add(key + "=" + value)) {
			log.warn("Ignoring {}={}: not a valid value; using {}", key, value, fallback);
		}
		return fallback;
	}

}
