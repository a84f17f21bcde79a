package io.flashsale.platform;

import java.io.IOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds {@code META-INF/flashsale-defaults.properties} as the lowest-precedence property
 * source: the local dev stack's addresses and the platform's conventions. Everything
 * else, the service's own file, the config server, the environment, overrides it, so a
 * service starts on sane defaults with nothing else present.
 */
class FlashsaleDefaults implements EnvironmentPostProcessor {

	static final String NAME = "flashsaleDefaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.getPropertySources().contains(NAME)) {
			return;
		}
		try {
			environment.getPropertySources()
				.addLast(new ResourcePropertySource(NAME,
						new ClassPathResource("META-INF/flashsale-defaults.properties")));
		}
		catch (IOException ex) {
			throw new IllegalStateException("platform-starter is missing its defaults", ex);
		}
	}

}
