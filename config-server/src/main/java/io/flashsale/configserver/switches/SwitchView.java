package io.flashsale.configserver.switches;

import java.util.List;

import io.flashsale.platform.degrade.SwitchType;

/**
 * A switch as ops see it: its catalog entry and its effective value in each application
 * that reads it.
 *
 * @param key the configuration property
 * @param type boolean, number, enum or duration
 * @param allowed an enum's values
 * @param min a number's smallest value
 * @param description what it does
 * @param applications the applications that read it
 * @param scope {@code global} when it may be set for every application at once (and per
 * application), {@code application} when only its one application reads it
 * @param values the effective value per application
 */
public record SwitchView(String key, SwitchType type, List<String> allowed, Long min, String description,
		List<String> applications, String scope, List<EffectiveValue> values) {

	/**
	 * What one application gets.
	 *
	 * @param application the application
	 * @param value the value it gets
	 * @param source where the value comes from: {@code default: config-repo/<file>},
	 * {@code default: code} or {@code override v12 by ops-alice at ...}
	 * @param overridden whether ops set it
	 */
	public record EffectiveValue(String application, Object value, String source, boolean overridden) {

	}

}
