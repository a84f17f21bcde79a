package io.flashsale.configserver.switches;

import java.time.Instant;

/**
 * A value ops set, and where it comes from.
 *
 * @param value a {@link Boolean}, {@link Long} or {@link String}
 * @param version the version that set it
 * @param by who set it (the token's subject)
 * @param at when
 */
public record OverrideValue(Object value, long version, String by, Instant at) {

	public OverrideValue {
		value = stored(value);
	}

	/** JSON reads small numbers back as integers; the store compares longs. */
	static Object stored(Object value) {
		return (value instanceof Integer || value instanceof Short || value instanceof Byte)
				? Long.valueOf(((Number) value).longValue()) : value;
	}

}
