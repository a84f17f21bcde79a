package io.flashsale.configserver.serving;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flashsale.configserver.MutableClock;
import io.flashsale.configserver.switches.KeyChange;
import io.flashsale.configserver.switches.SwitchStore;

import org.springframework.cloud.config.environment.Environment;
import org.springframework.cloud.config.environment.PropertySource;
import org.springframework.cloud.config.server.environment.EnvironmentRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The overrides in front of any backend (here a stand-in for git or native).
 */
class OverridingEnvironmentRepositoryTests {

	@TempDir
	Path folder;

	@Test
	void servesGlobalThenOwnOverridesAheadOfTheBackendWithTheSwitchVersion() {
		SwitchStore store = new SwitchStore(this.folder, new MutableClock(Instant.parse("2026-11-11T00:00:00Z")));
		store.commit("set", "ops", "r", null,
				(current) -> List.of(new KeyChange(SwitchStore.GLOBAL, "flashsale.switches.shed", "non-core"),
						new KeyChange(SwitchStore.GLOBAL, "flashsale.switches.sale-kill", true),
						new KeyChange("order-service", "flashsale.switches.shed", "important")));
		EnvironmentRepository backend = (application, profile, label) -> {
			Environment environment = new Environment(application, new String[] { profile }, label, "abc123", null);
			environment
				.add(new PropertySource("git:" + application + ".yml", Map.of("flashsale.switches.shed", "none")));
			return environment;
		};
		OverridingEnvironmentRepository repository = new OverridingEnvironmentRepository(
				new ArrayList<>(List.of(backend)), ObservationRegistry.NOOP, true, store);

		Environment orders = repository.findOne("order-service", "default", null);
		Environment gateway = repository.findOne("gateway", "default", null);

		assertThat(orders.getVersion()).isEqualTo("1");
		assertThat(orders.getPropertySources()).extracting(PropertySource::getName)
			.containsExactly("overrides", "git:order-service.yml");
		assertThat(orders.getPropertySources().get(0).getSource())
			.isEqualTo(Map.of("flashsale.switches.shed", "important", "flashsale.switches.sale-kill", true));
		assertThat(gateway.getPropertySources().get(0).getSource())
			.isEqualTo(Map.of("flashsale.switches.shed", "non-core", "flashsale.switches.sale-kill", true));
		assertThat(repository.defaults("gateway", "default", null, false).getPropertySources())
			.extracting(PropertySource::getName)
			.containsExactly("git:gateway.yml");
	}

	@Test
	void namesASourceByItsFileInConfigRepo() {
		assertThat(BackendDefaults.describe(
				"Config resource 'file [/work/main/config-repo/gateway.yml]' via location 'file:../config-repo/'"))
			.isEqualTo("config-repo/gateway.yml");
		assertThat(BackendDefaults.describe("file:../config-repo/application.yml"))
			.isEqualTo("config-repo/application.yml");
		assertThat(BackendDefaults.describe("overrides")).isEqualTo("overrides");
	}

}
