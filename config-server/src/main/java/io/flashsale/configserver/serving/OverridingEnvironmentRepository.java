package io.flashsale.configserver.serving;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.observation.ObservationRegistry;

import io.flashsale.configserver.switches.SwitchStore;
import io.flashsale.configserver.switches.SwitchVersion;

import org.springframework.cloud.config.environment.Environment;
import org.springframework.cloud.config.environment.PropertySource;
import org.springframework.cloud.config.server.environment.EnvironmentRepository;
import org.springframework.cloud.config.server.environment.SearchPathCompositeEnvironmentRepository;

/**
 * The repository every {@code /{application}/{profile}} request reads: the backend's
 * environment (native config-repo/ or git) with a property source named
 * {@value #OVERRIDES} in front, so ops' values win over every file. It holds the global
 * overrides and then the application's own, which win over the global ones. The
 * environment's {@code version} is the switch version, which services also poll at
 * {@code /api/switches/version}.
 *
 * <p>
 * It takes the place of Spring Cloud Config's own composite, so it wraps whichever
 * backend the active profile creates.
 */
public class OverridingEnvironmentRepository extends SearchPathCompositeEnvironmentRepository {

	/** The name of the property source that carries ops' overrides. */
	public static final String OVERRIDES = "overrides";

	private final SwitchStore store;

	public OverridingEnvironmentRepository(List<EnvironmentRepository> backends, ObservationRegistry observations,
			boolean failOnError, SwitchStore store) {
		super(backends, observations, failOnError);
		this.store = store;
	}

	@Override
	public Environment findOne(String application, String profile, String label, boolean includeOrigin) {
		SwitchVersion version = this.store.current();
		Environment environment = defaults(application, profile, label, includeOrigin);
		Map<String, Object> values = new LinkedHashMap<>();
		for (String name : application.split(",")) {
			values.putAll(version.valuesFor(name.trim()));
		}
		environment.addFirst(new PropertySource(OVERRIDES, values));
		environment.setVersion(Long.toString(version.version()));
		return environment;
	}

	/**
	 * What the backend alone serves: the shipped defaults, without ops' overrides.
	 * @param application the application
	 * @param profile its profiles
	 * @param label the label, or {@code null}
	 * @param includeOrigin whether to keep the origin of each value
	 * @return the backend's environment
	 */
	public Environment defaults(String application, String profile, String label, boolean includeOrigin) {
		return super.findOne(application, profile, label, includeOrigin);
	}

}
