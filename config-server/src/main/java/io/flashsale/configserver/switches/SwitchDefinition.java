package io.flashsale.configserver.switches;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.convert.DurationStyle;

import io.flashsale.platform.degrade.SwitchType;

/**
 * One entry of the switch catalog, built from the starter's definitions
 * ({@link io.flashsale.platform.degrade.Switch}) or a gateway rate limit, with the checks
 * ops' values go through.
 *
 * @param key the configuration property the services read
 * @param type what values it accepts
 * @param allowed the values of an enum switch; empty otherwise
 * @param min the smallest accepted number; {@code null} for other types
 * @param description what the switch does, for ops
 * @param applications the applications that read it
 * @param owned whether only its one application reads it: it is then always set for that
 * application, never globally
 * @param codeDefault the value the services use when config-repo/ does not name one
 */
public record SwitchDefinition(String key, SwitchType type, List<String> allowed, Long min, String description,
		List<String> applications, boolean owned, Object codeDefault) {

	public SwitchDefinition {
		allowed = List.copyOf(allowed);
		applications = List.copyOf(applications);
	}

	/**
	 * Checks a value against this switch and returns it in its stored form: a
	 * {@link Boolean}, a {@link Long} or a {@link String}.
	 * @param raw the value as given (JSON or YAML scalar, or its text)
	 * @return the value to store
	 * @throws InvalidSwitchValue when the value does not fit
	 */
	public Object normalize(Object raw) {
		if (raw == null || raw instanceof java.util.Map || raw instanceof java.util.Collection) {
			throw invalid(raw);
		}
		String text = raw.toString().trim();
		return switch (this.type) {
			case BOOLEAN -> {
				if (raw instanceof Boolean bool) {
					yield bool;
				}
				if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
					yield Boolean.parseBoolean(text.toLowerCase(Locale.ROOT));
				}
				throw invalid(raw);
			}
			case NUMBER -> {
				long number;
				try {
					number = (raw instanceof Number n && !(raw instanceof Double || raw instanceof Float))
							? n.longValue() : Long.parseLong(text);
				}
				catch (NumberFormatException ex) {
					throw invalid(raw);
				}
				if (this.min != null && number < this.min) {
					throw new InvalidSwitchValue(this.key + " must be at least " + this.min + ", not " + number);
				}
				yield number;
			}
			case ENUM -> {
				if (!(raw instanceof String) || !this.allowed.contains(text)) {
					throw invalid(raw);
				}
				yield text;
			}
			case DURATION -> {
				if (!(raw instanceof String)) {
					throw invalid(raw);
				}
				Duration duration;
				try {
					duration = DurationStyle.detectAndParse(text);
				}
				catch (IllegalArgumentException ex) {
					throw invalid(raw);
				}
				if (duration.isNegative()) {
					throw invalid(raw);
				}
				yield text;
			}
		};
	}

	private InvalidSwitchValue invalid(Object raw) {
		String expected = switch (this.type) {
			case BOOLEAN -> "true or false";
			case NUMBER -> "a whole number" + ((this.min != null) ? " of at least " + this.min : "");
			case ENUM -> "one of " + String.join(", ", this.allowed);
			case DURATION -> "a duration such as 500ms, 2s or 1m";
		};
		return new InvalidSwitchValue(this.key + " takes " + expected + ", not " + describe(raw));
	}

	private static String describe(Object raw) {
		if (raw == null) {
			return "nothing";
		}
		String text = raw.toString();
		return (text.length() > 40) ? "'" + text.substring(0, 40) + "...'" : "'" + text + "'";
	}

}
