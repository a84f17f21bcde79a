package io.flashsale.configserver.serving;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;

import io.flashsale.configserver.switches.ShippedDefaults;

import org.springframework.cloud.config.environment.Environment;
import org.springframework.cloud.config.environment.PropertySource;
import org.springframework.stereotype.Component;

/**
 * Reads what the backend ships for an application, with the file each value comes from.
 */
@Component
class BackendDefaults implements ShippedDefaults {

	private static final java.util.regex.Pattern FILE = java.util.regex.Pattern
		.compile("([^/\\\\\\s'\\[\\]]+\\.(?:ya?ml|properties))");

	private final OverridingEnvironmentRepository repository;

	BackendDefaults(OverridingEnvironmentRepository repository) {
		this.repository = repository;
	}

	@Override
	public Map<String, ShippedValue> forApplication(String application) {
		Environment environment = this.repository.defaults(application, "default", null, false);
		Map<String, ShippedValue> values = new LinkedHashMap<>();
		for (PropertySource source : environment.getPropertySources()) {
			String file = describe(source.getName());
			source.getSource()
				.forEach((key, value) -> values.putIfAbsent(key.toString(), new ShippedValue(value, file)));
		}
		return values;
	}

	/**
	 * Names a property source by its file, as it lies in config-repo/ (the native folder
	 * or the git repository).
	 */
	static String describe(String name) {
		Matcher file = FILE.matcher(name);
		String found = null;
		while (file.find()) {
			found = file.group(1);
		}
		return (found != null) ? "config-repo/" + found : name;
	}

}
