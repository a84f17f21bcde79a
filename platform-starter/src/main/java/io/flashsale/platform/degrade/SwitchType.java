package io.flashsale.platform.degrade;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The kinds of value a switch holds. Values are stored and served as JSON booleans,
 * integers and strings (enum values and durations such as {@code 500ms}).
 */
public enum SwitchType {

	BOOLEAN, NUMBER, ENUM, DURATION;

	@JsonValue
	public String jsonName() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
