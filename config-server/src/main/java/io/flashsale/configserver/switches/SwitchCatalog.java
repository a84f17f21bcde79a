package io.flashsale.configserver.switches;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Component;

/**
 * Every switch ops may set. The business switches are fixed here; the gateway's rate
 * limits are every key under {@value #RATE_LIMITS} that config-repo/gateway.yml ships,
 * typed by their shipped values; the payment channels' enable and weight are fixed for
 * the channels that exist.
 */
@Component
public class SwitchCatalog {

	static final String RATE_LIMITS = "flashsale.gateway.rate-limits.";

	static final String GATEWAY = "gateway";

	static final String PAYMENT = "payment-service";

	private static final List<String> ALL = List.of(GATEWAY, "order-service", PAYMENT, "marketing-service",
			"inventory-service");

	private static final List<String> WITH_DATABASE = List.of("order-service", PAYMENT, "marketing-service",
			"inventory-service");

	private static final List<String> CHANNELS = List.of("sandpay", "quickwallet");

	private static final List<SwitchDefinition> FIXED = fixed();

	private final ShippedDefaults defaults;

	SwitchCatalog(ShippedDefaults defaults) {
		this.defaults = defaults;
	}

	/**
	 * The catalog, business switches first.
	 * @return every switch
	 */
	public List<SwitchDefinition> definitions() {
		List<SwitchDefinition> all = new ArrayList<>(FIXED);
		this.defaults.forApplication(GATEWAY).forEach((key, shipped) -> {
			if (key.startsWith(RATE_LIMITS)) {
				rateLimit(key, shipped.value()).ifPresent(all::add);
			}
		});
		all.sort(Comparator.comparing((SwitchDefinition definition) -> !FIXED.contains(definition))
			.thenComparing(SwitchDefinition::key));
		return all;
	}

	/**
	 * One switch.
	 * @param key its key
	 * @return its definition
	 * @throws UnknownSwitch when there is none
	 */
	public SwitchDefinition find(String key) {
		return definitions().stream()
			.filter((definition) -> definition.key().equals(key))
			.findFirst()
			.orElseThrow(() -> new UnknownSwitch(key));
	}

	private static Optional<SwitchDefinition> rateLimit(String key, Object shipped) {
		String name = key.substring(RATE_LIMITS.length());
		String description = "Gateway rate limit " + name + " (live; see config-repo/gateway.yml).";
		if (shipped instanceof Boolean) {
			return Optional.of(owned(key, SwitchType.BOOLEAN, null, shipped, description, GATEWAY));
		}
		if (shipped instanceof Number || (shipped instanceof String text && text.matches("\\d+"))) {
			// Zero replicas or zero tokens per request would divide by zero in the
			// gateway.
			long min = (key.endsWith(".instances") || key.endsWith(".requested-tokens")) ? 1 : 0;
			return Optional.of(owned(key, SwitchType.NUMBER, min, shipped, description, GATEWAY));
		}
		if (shipped instanceof String text && isDuration(text)) {
			return Optional.of(owned(key, SwitchType.DURATION, null, shipped, description, GATEWAY));
		}
		return Optional.empty();
	}

	private static boolean isDuration(String text) {
		try {
			Duration duration = DurationStyle.detectAndParse(text);
			return !duration.isNegative();
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static SwitchDefinition owned(String key, SwitchType type, Long min, Object codeDefault, String description,
			String application) {
		return new SwitchDefinition(key, type, List.of(), min, description, List.of(application), true, codeDefault);
	}

	private static List<SwitchDefinition> fixed() {
		List<SwitchDefinition> fixed = new ArrayList<>();
		fixed.add(new SwitchDefinition("flashsale.switches.shed", SwitchType.ENUM,
				List.of("none", "non-core", "important"), null,
				"Sheds endpoints by grade: non-core sheds NON_CORE endpoints, important sheds IMPORTANT and "
						+ "NON_CORE ones; shed endpoints answer their fallback (cached or static data, or 503 degraded). "
						+ "CORE endpoints are never shed.",
				ALL, false, "none"));
		fixed.add(SwitchDefinition.global("flashsale.switches.sale-kill", SwitchType.BOOLEAN, false,
				"The flash-sale kill switch: every purchase answers 503 sale-paused and nothing is reserved.",
				List.of("order-service")));
		fixed.add(SwitchDefinition.global("flashsale.switches.coupon-claim", SwitchType.BOOLEAN, true,
				"Coupon claiming; off: claims answer 503 and no coupon is issued.", List.of("marketing-service")));
		fixed.add(SwitchDefinition.global("flashsale.switches.passive-cancel", SwitchType.BOOLEAN, true,
				"Passive cancellation: reading an unpaid order past its deadline cancels it first. Off: the "
						+ "delayed-cancel queue and the sweep still cancel it.",
				List.of("order-service")));
		fixed.add(SwitchDefinition.global("flashsale.switches.counter-auto-rebuild", SwitchType.BOOLEAN, true,
				"Rebuilds a sale's lost Redis counters from the orders of record once the order writer has drained. "
						+ "Off: the sale stays paused (503 sale-paused) until an admin runs the rebuild.",
				List.of("order-service")));
		fixed.add(SwitchDefinition.global("flashsale.switches.verbose-logging", SwitchType.BOOLEAN, false,
				"Verbose (DEBUG) logging of the service's own packages.", ALL));
		fixed.add(SwitchDefinition.global("flashsale.switches.slow-sql-guard", SwitchType.BOOLEAN, false,
				"The slow-SQL guard: refuses SQL statements marked non-core, and those over the budget, with a "
						+ "clear error and a count.",
				WITH_DATABASE));
		fixed.add(new SwitchDefinition("flashsale.switches.slow-sql-budget-ms", SwitchType.NUMBER, List.of(), 1L,
				"The slow-SQL guard's time budget per statement, in milliseconds.", WITH_DATABASE, false, 200L));
		for (String channel : CHANNELS) {
			String prefix = "flashsale.payment.channels." + channel;
			fixed.add(owned(prefix + ".enabled", SwitchType.BOOLEAN, null, true,
					"Payment channel " + channel + " takes new payments; off: routing skips it.", PAYMENT));
			fixed.add(owned(prefix + ".weight", SwitchType.NUMBER, 0L, 1L,
					"Routing weight of payment channel " + channel + " among the enabled, healthy channels.", PAYMENT));
		}
		return List.copyOf(fixed);
	}

}
