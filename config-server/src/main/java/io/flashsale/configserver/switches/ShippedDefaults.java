package io.flashsale.configserver.switches;

import java.util.Map;

/**
 * The values config-repo/ (or the git backend) ships for an application, without ops'
 * overrides.
 */
public interface ShippedDefaults {

	/**
	 * The shipped values an application gets, each from its highest-precedence file.
	 * @param application the application
	 * @return key to value and the file it comes from
	 */
	Map<String, ShippedValue> forApplication(String application);

	/**
	 * A shipped value.
	 *
	 * @param value as the file has it
	 * @param source the file, such as {@code config-repo/gateway.yml}
	 */
	record ShippedValue(Object value, String source) {

	}

}
