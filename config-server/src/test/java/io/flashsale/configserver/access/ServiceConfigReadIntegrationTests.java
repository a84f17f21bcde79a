package io.flashsale.configserver.access;

import io.flashsale.configserver.ConfigServerTest;
import io.flashsale.switchclient.SwitchClientApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A service reading its configuration at start, as every service does through the
 * platform starter's config-client credentials: with the {@code local} profile's built-in
 * password it gets config-repo's settings; a deployment without the local profile and
 * without {@code FLASHSALE_CONFIG_PASSWORD} gets nothing.
 */
@ConfigServerTest
class ServiceConfigReadIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void readsItsConfigurationAtStartWithTheLocalProfilesCredentials() {
		try (ConfigurableApplicationContext service = start("--spring.profiles.active=local")) {
			assertThat(service.getEnvironment().getProperty("flashsale.switches.slow-sql-budget-ms")).isEqualTo("200");
		}
	}

	@Test
	void readsNothingWithoutCredentials() {
		assertThatThrownBy(() -> start().close()).hasStackTraceContaining("401");
	}

	private ConfigurableApplicationContext start(String... args) {
		String[] all = new String[args.length + 6];
		all[0] = "--spring.config.name=switch-client";
		all[1] = "--spring.application.name=switch-client";
		// Not optional, so a refused read fails the start.
		all[2] = "--spring.config.import=configserver:http://127.0.0.1:" + this.port;
		all[3] = "--spring.cloud.config.enabled=true";
		all[4] = "--spring.cloud.bus.enabled=false";
		all[5] = "--spring.kafka.bootstrap-servers=127.0.0.1:1";
		System.arraycopy(args, 0, all, 6, args.length);
		return new SpringApplicationBuilder(SwitchClientApplication.class).web(WebApplicationType.NONE).run(all);
	}

}
