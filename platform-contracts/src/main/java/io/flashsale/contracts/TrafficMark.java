package io.flashsale.contracts;

import java.util.Locale;

/**
 * Whether a request or event is real shopper traffic or shadow (pressure-test) traffic.
 *
 * <p>
 * The mark travels with the request id through HTTP and Kafka headers. An absent or
 * unknown value means {@link #REAL}: only an exact {@code shadow} opts into shadow data.
 */
public enum TrafficMark {

	REAL, SHADOW;

	public String headerValue() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static TrafficMark fromHeader(String value) {
		return "shadow".equalsIgnoreCase(value == null ? null : value.strip()) ? SHADOW : REAL;
	}

}
