package io.flashsale.platform.degrade;

import java.util.List;

/**
 * The one definition of each degrade switch ({@code flashsale.switches.*}): its key,
 * type, accepted values, default and the applications that read it. {@link LiveSwitches}
 * reads them with these defaults; the config server builds its catalog from them and
 * checks ops' values against them; {@code config-repo/application.yml} ships a value for
 * each (checked by a test). A switch is added here together with its reader.
 *
 * <p>
 * The payment channels' switches are per channel: see {@link PaymentChannelSwitch}.
 */
public enum Switch {

	/** Which grades are shed. */
	SHED("shed", SwitchType.ENUM, List.of("none", "non-core", "important"), null, "none",
			"Sheds endpoints by grade: non-core sheds NON_CORE endpoints, important sheds IMPORTANT and "
					+ "NON_CORE ones; shed endpoints answer their fallback (cached or static data, or 503 degraded). "
					+ "CORE endpoints are never shed.",
			Applications.ALL),

	/** The flash-sale kill switch. */
	SALE_KILL("sale-kill", SwitchType.BOOLEAN, List.of(), null, false,
			"The flash-sale kill switch: every purchase answers 503 sale-paused and nothing is reserved.",
			List.of(Applications.ORDER)),

	/** The coupon-claim pause. */
	COUPON_CLAIM("coupon-claim", SwitchType.BOOLEAN, List.of(), null, false,
			"Pauses coupon claims: on, every claim answers 503 coupon-claim-paused and no coupon is issued. "
					+ "Coupons already claimed are listed, locked and used as usual.",
			List.of(Applications.MARKETING)),

	/** Whether reading an unpaid order past its deadline cancels it first. */
	PASSIVE_CANCEL("passive-cancel", SwitchType.BOOLEAN, List.of(), null, true,
			"Passive cancellation: reading an unpaid order past its deadline cancels it first. Off: the "
					+ "delayed-cancel queue and the sweep still cancel it.",
			List.of(Applications.ORDER)),

	/** Whether lost Redis counters are rebuilt without an admin. */
	COUNTER_AUTO_REBUILD("counter-auto-rebuild", SwitchType.BOOLEAN, List.of(), null, true,
			"Rebuilds a sale's lost Redis counters from the orders of record once the order writer has drained. "
					+ "Off: the sale stays paused (503 sale-paused) until an admin runs the rebuild.",
			List.of(Applications.ORDER)),

	/** DEBUG logging of {@code io.flashsale}. */
	VERBOSE_LOGGING("verbose-logging", SwitchType.BOOLEAN, List.of(), null, false,
			"Verbose (DEBUG) logging of the service's own packages.", Applications.ALL),

	/** Whether the slow-SQL guard refuses statements. */
	SLOW_SQL_GUARD("slow-sql-guard", SwitchType.BOOLEAN, List.of(), null, false,
			"The slow-SQL guard: refuses SQL statements marked non-core, and those over the budget, with a "
					+ "clear error and a count.",
			Applications.WITH_DATABASE),

	/** The slow-SQL guard's budget per statement. */
	SLOW_SQL_BUDGET_MS("slow-sql-budget-ms", SwitchType.NUMBER, List.of(), 1L, 200L,
			"The slow-SQL guard's time budget per statement, in milliseconds.", Applications.WITH_DATABASE);

	/** The prefix of every key. */
	public static final String PREFIX = "flashsale.switches.";

	private final String key;

	private final SwitchType type;

	private final List<String> allowed;

	private final Long min;

	private final Object defaultValue;

	private final String description;

	private final List<String> applications;

	Switch(String name, SwitchType type, List<String> allowed, Long min, Object defaultValue, String description,
			List<String> applications) {
		this.key = PREFIX + name;
		this.type = type;
		this.allowed = allowed;
		// A number is never negative unless its switch says otherwise.
		this.min = (min == null && type == SwitchType.NUMBER) ? Long.valueOf(0) : min;
		this.defaultValue = defaultValue;
		this.description = description;
		this.applications = applications;
	}

	/**
	 * The configuration property the services read.
	 * @return the key
	 */
	public String key() {
		return this.key;
	}

	public SwitchType type() {
		return this.type;
	}

	/**
	 * The values of an {@link SwitchType#ENUM} switch.
	 * @return the values; empty for other types
	 */
	public List<String> allowed() {
		return this.allowed;
	}

	/**
	 * The smallest accepted number.
	 * @return it; {@code null} for other types
	 */
	public Long min() {
		return this.min;
	}

	/**
	 * The value a service uses when nothing sets the switch; config-repo ships the same.
	 * @return a {@link Boolean}, a {@link Long} or a {@link String}
	 */
	public Object defaultValue() {
		return this.defaultValue;
	}

	public String description() {
		return this.description;
	}

	/**
	 * The applications that read the switch.
	 * @return their names
	 */
	public List<String> applications() {
		return this.applications;
	}

	/**
	 * The applications, by their {@code spring.application.name}.
	 */
	public static final class Applications {

		public static final String GATEWAY = "gateway";

		public static final String ORDER = "order-service";

		public static final String PAYMENT = "payment-service";

		public static final String MARKETING = "marketing-service";

		public static final String INVENTORY = "inventory-service";

		/** Every application the switches reach. */
		public static final List<String> ALL = List.of(GATEWAY, ORDER, PAYMENT, MARKETING, INVENTORY);

		/** The applications with a database (and so the slow-SQL guard). */
		public static final List<String> WITH_DATABASE = List.of(ORDER, PAYMENT, MARKETING, INVENTORY);

		private Applications() {
		}

	}

}
