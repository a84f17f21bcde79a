package io.flashsale.platform;

import java.io.IOException;

import io.flashsale.platform.security.LocalProfile;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds {@code META-INF/flashsale-defaults.properties} as the lowest-precedence property
 * source: the local dev stack's addresses and the platform's conventions. Everything
 * else, the service's own file, the config server, the environment, overrides it, so a
 * service starts on sane defaults with nothing else present. In the {@code local} profile
 * {@code META-INF/flashsale-local-defaults.properties} comes just above them: the local
 * stack's built-in secrets, which exist nowhere else.
 */
class FlashsaleDefaults implements EnvironmentPostProcessor {

	static final String NAME = "flashsaleDefaults";

	static final String LOCAL_NAME = "flashsaleLocalDefaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.getPropertySources().contains(NAME)) {
			return;
		}
		try {
			if (LocalProfile.isActive(environment)) {
				environment.getPropertySources()
					.addLast(new ResourcePropertySource(LOCAL_NAME,
							new ClassPathResource("META-INF/flashsale-local-defaults.properties")));
			}
			environment.getPropertySources()
				.addLast(new ResourcePropertySource(NAME,
						new ClassPathResource("META-INF/flashsale-defaults.properties")));
		}
		catch (IOException ex) {
			throw new IllegalStateException("platform-starter is missing its defaults", ex);
		}
	}

}
