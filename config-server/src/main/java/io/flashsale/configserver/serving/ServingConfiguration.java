package io.flashsale.configserver.serving;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.observation.ObservationRegistry;

import io.flashsale.configserver.ConfigStateProperties;
import io.flashsale.configserver.switches.SwitchStore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.config.server.config.ConfigServerProperties;
import org.springframework.cloud.config.server.environment.EnvironmentRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Puts ops' overrides in front of the backend. Declaring the primary composite here makes
 * Spring Cloud Config's own composite back off; the backends (native, or git with the git
 * profile) are created as usual and wrapped.
 */
@Configuration(proxyBeanMethods = false)
class ServingConfiguration {

	@Bean
	SwitchStore switchStore(ConfigStateProperties properties, Clock clock) {
		return new SwitchStore(properties.stateDir(), clock);
	}

	@Bean
	@Primary
	OverridingEnvironmentRepository overridingEnvironmentRepository(List<EnvironmentRepository> backends,
			ConfigServerProperties server, ObjectProvider<ObservationRegistry> observations, SwitchStore store) {
		return new OverridingEnvironmentRepository(new ArrayList<>(backends),
				observations.getIfAvailable(() -> ObservationRegistry.NOOP), server.isFailOnCompositeError(), store);
	}

}
