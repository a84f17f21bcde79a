package io.flashsale.platform;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import io.flashsale.platform.security.LocalProfile;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.DefaultPropertiesPropertySource;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

/**
 * Defaults needed before the configuration files and the config server are read: the
 * config client's credentials and, in the {@code local} profile only, the local stack's
 * built-in secrets ({@code META-INF/flashsale-local-defaults.properties}). They go into
 * Spring's {@code defaultProperties}, which stay below every other source, and above
 * {@link FlashsaleDefaults}. The profile must be chosen from outside the application's
 * own files (command line, environment, system property, a test's active profiles), as
 * {@code ./flashsale} does.
 */
class LocalDefaults implements EnvironmentPostProcessor, Ordered {

	@Override
	public int getOrder() {
		return ConfigDataEnvironmentPostProcessor.ORDER - 1;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> defaults = new LinkedHashMap<>(load("META-INF/flashsale-client-defaults.properties"));
		if (LocalProfile.isActive(environment) || requested(environment)) {
			defaults.putAll(load("META-INF/flashsale-local-defaults.properties"));
		}
		DefaultPropertiesPropertySource.addOrMerge(defaults, environment.getPropertySources());
	}

	/**
	 * Boot resolves profiles only after this runs, so the profile is read as given:
	 * {@code spring.profiles.active} or {@code spring.profiles.include} from the command
	 * line, a system property or the environment.
	 */
	private static boolean requested(ConfigurableEnvironment environment) {
		for (String property : new String[] { "spring.profiles.active", "spring.profiles.include" }) {
			String value = environment.getProperty(property, "");
			for (String profile : value.split(",")) {
				if (LocalProfile.NAME.equals(profile.trim())) {
					return true;
				}
			}
		}
		return false;
	}

	private static Map<String, Object> load(String resource) {
		try {
			Properties properties = PropertiesLoaderUtils.loadProperties(new ClassPathResource(resource));
			Map<String, Object> map = new LinkedHashMap<>();
			properties.stringPropertyNames().forEach((name) -> map.put(name, properties.getProperty(name)));
			return map;
		}
		catch (IOException ex) {
			throw new IllegalStateException("platform-starter is missing " + resource, ex);
		}
	}

}
