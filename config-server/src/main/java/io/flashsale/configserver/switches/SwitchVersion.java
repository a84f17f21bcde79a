package io.flashsale.configserver.switches;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The complete set of overrides after one change. Version 0 is the empty set: only the
 * defaults of config-repo/.
 *
 * @param version increments with every change
 * @param at when the change was made
 * @param by who made it
 * @param action set, plan-apply, plan-restore or rollback
 * @param reason why, as given
 * @param overrides per scope ({@link SwitchStore#GLOBAL} or an application name), per key
 */
public record SwitchVersion(long version, Instant at, String by, String action, String reason,
		Map<String, Map<String, OverrideValue>> overrides) {

	public SwitchVersion {
		Map<String, Map<String, OverrideValue>> copy = new TreeMap<>();
		overrides.forEach((scope, values) -> {
			if (!values.isEmpty()) {
				copy.put(scope, Map.copyOf(new TreeMap<>(values)));
			}
		});
		overrides = java.util.Collections.unmodifiableMap(copy);
	}

	static SwitchVersion initial() {
		return new SwitchVersion(0, Instant.EPOCH, "system", "initial", "defaults of config-repo/", Map.of());
	}

	/**
	 * The override of a key in one scope.
	 * @param scope {@link SwitchStore#GLOBAL} or an application
	 * @param key the switch
	 * @return the override, or {@code null}
	 */
	public OverrideValue find(String scope, String key) {
		Map<String, OverrideValue> values = this.overrides.get(scope);
		return (values != null) ? values.get(key) : null;
	}

	/**
	 * The values served to an application: global overrides, then its own, which win.
	 * @param application an application name
	 * @return key to value
	 */
	public Map<String, Object> valuesFor(String application) {
		Map<String, Object> values = new LinkedHashMap<>();
		this.overrides.getOrDefault(SwitchStore.GLOBAL, Map.of())
			.forEach((key, value) -> values.put(key, value.value()));
		this.overrides.getOrDefault(application, Map.of()).forEach((key, value) -> values.put(key, value.value()));
		return values;
	}

}
