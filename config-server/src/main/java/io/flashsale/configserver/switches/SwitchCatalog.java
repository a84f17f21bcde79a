package io.flashsale.configserver.switches;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Component;

import io.flashsale.platform.degrade.PaymentChannelSwitch;
import io.flashsale.platform.degrade.Switch;
import io.flashsale.platform.degrade.SwitchType;

/**
 * Every switch ops may set. The business switches and the payment channels' enable and
 * weight come from their one definition in the starter ({@link Switch},
 * {@link PaymentChannelSwitch}); the gateway's rate limits are every key under
 * {@value #RATE_LIMITS} that config-repo/gateway.yml ships, typed by their shipped
 * values.
 */
@Component
public class SwitchCatalog {

	static final String RATE_LIMITS = "flashsale.gateway.rate-limits.";

	static final String GATEWAY = Switch.Applications.GATEWAY;

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
		for (Switch definition : Switch.values()) {
			fixed.add(new SwitchDefinition(definition.key(), definition.type(), definition.allowed(), definition.min(),
					definition.description(), definition.applications(), false, definition.defaultValue()));
		}
		for (String channel : PaymentChannelSwitch.CHANNELS) {
			for (PaymentChannelSwitch definition : PaymentChannelSwitch.values()) {
				fixed.add(owned(definition.key(channel), definition.type(), definition.min(), definition.defaultValue(),
						definition.description(channel), PaymentChannelSwitch.APPLICATION));
			}
		}
		return List.copyOf(fixed);
	}

}
