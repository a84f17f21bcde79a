package io.flashsale.platform.degrade;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.Environment;

/**
 * The degrade switches ({@code flashsale.switches.*}), read from the Environment on every
 * call, so a refresh (bus or poll) or a test's property source takes effect at once,
 * without rebinding anything. The code defaults equal those shipped in
 * {@code config-repo/application.yml}, so a service without the config server behaves as
 * shipped.
 *
 * <p>
 * A value that does not parse falls back to the default and is logged once: a bad
 * override must never take a service down (the config server validates values first).
 */
public class Switches {

	public static final String PREFIX = "flashsale.switches.";

	public static final String SHED = PREFIX + "shed";

	public static final String SALE_KILL = PREFIX + "sale-kill";

	public static final String COUPON_CLAIM = PREFIX + "coupon-claim";

	public static final String PASSIVE_CANCEL = PREFIX + "passive-cancel";

	public static final String COUNTER_AUTO_REBUILD = PREFIX + "counter-auto-rebuild";

	public static final String VERBOSE_LOGGING = PREFIX + "verbose-logging";

	public static final String SLOW_SQL_GUARD = PREFIX + "slow-sql-guard";

	public static final String SLOW_SQL_BUDGET_MS = PREFIX + "slow-sql-budget-ms";

	private static final Logger log = LoggerFactory.getLogger(Switches.class);

	private final Environment environment;

	private final Set<String> reported = ConcurrentHashMap.newKeySet();

	public Switches(Environment environment) {
		this.environment = environment;
	}

	/**
	 * Which grades are shed ({@code flashsale.switches.shed}, default {@code none}).
	 * @return the shed level
	 */
	public ShedLevel shed() {
		String value = this.environment.getProperty(SHED);
		if (value == null || value.isBlank()) {
			return ShedLevel.NONE;
		}
		try {
			return ShedLevel.parse(value);
		}
		catch (IllegalArgumentException ex) {
			return invalid(SHED, value, ShedLevel.NONE);
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
		return flag(SALE_KILL, false);
	}

	/**
	 * Whether shoppers may claim coupons ({@code flashsale.switches.coupon-claim},
	 * default on).
	 * @return whether coupon claiming is on
	 */
	public boolean couponClaim() {
		return flag(COUPON_CLAIM, true);
	}

	/**
	 * Whether reading an unpaid order past its deadline cancels it first
	 * ({@code flashsale.switches.passive-cancel}, default on).
	 * @return whether passive cancel is on
	 */
	public boolean passiveCancel() {
		return flag(PASSIVE_CANCEL, true);
	}

	/**
	 * Whether a sale whose Redis counters were lost is rebuilt from the orders of record
	 * by itself once the order writer has drained
	 * ({@code flashsale.switches.counter-auto-rebuild}, default on). Off: the sale stays
	 * paused until an admin runs the rebuild.
	 * @return whether lost counters are rebuilt automatically
	 */
	public boolean counterAutoRebuild() {
		return flag(COUNTER_AUTO_REBUILD, true);
	}

	/**
	 * Whether {@code io.flashsale} logs at DEBUG
	 * ({@code flashsale.switches.verbose-logging}, default off).
	 * @return whether verbose logging is on
	 */
	public boolean verboseLogging() {
		return flag(VERBOSE_LOGGING, false);
	}

	/**
	 * Whether the slow-SQL guard refuses non-core statements and those over the budget
	 * ({@code flashsale.switches.slow-sql-guard}, default off).
	 * @return whether the guard is on
	 */
	public boolean slowSqlGuard() {
		return flag(SLOW_SQL_GUARD, false);
	}

	/**
	 * The slow-SQL guard's time budget ({@code flashsale.switches.slow-sql-budget-ms},
	 * default 200 ms).
	 * @return the budget
	 */
	public Duration slowSqlBudget() {
		String value = this.environment.getProperty(SLOW_SQL_BUDGET_MS);
		Duration fallback = Duration.ofMillis(200);
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			long millis = Long.parseLong(value.trim());
			return (millis > 0) ? Duration.ofMillis(millis) : invalid(SLOW_SQL_BUDGET_MS, value, fallback);
		}
		catch (NumberFormatException ex) {
			return invalid(SLOW_SQL_BUDGET_MS, value, fallback);
		}
	}

	private boolean flag(String key, boolean fallback) {
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
