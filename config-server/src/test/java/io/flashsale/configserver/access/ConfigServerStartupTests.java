package io.flashsale.configserver.access;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.flashsale.configserver.ConfigServerApplication;
import io.flashsale.platform.security.UnsafeConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The config server started as a deployment without the {@code local} profile: it refuses
 * to start, and says why, on the local stack's built-in secrets or without a password for
 * the config clients.
 */
class ConfigServerStartupTests {

	static final String REAL_SECRET = "--flashsale.security.jwt.secret=a-real-deployment-secret-of-40-bytes-xx";

	@TempDir
	Path state;

	@Test
	void refusesToStartWithoutAConfigClientPassword() {
		assertThatThrownBy(() -> start(REAL_SECRET)).hasRootCauseInstanceOf(UnsafeConfiguration.class)
			.rootCause()
			.hasMessageContaining("FLASHSALE_CONFIG_PASSWORD");
	}

	@Test
	void refusesToStartOnTheBuiltInConfigClientPassword() {
		assertThatThrownBy(() -> start(REAL_SECRET,
				"--flashsale.config.client.password=" + ConfigClientCredentials.BUILT_IN_PASSWORD))
			.hasRootCauseInstanceOf(UnsafeConfiguration.class)
			.rootCause()
			.hasMessageContaining("built-in local one");
	}

	@Test
	void refusesToStartOnTheBuiltInJwtSecretForItsAdminApi() {
		assertThatThrownBy(() -> start("--flashsale.security.jwt.secret=local-dev-secret-change-me-0123456789abcdef",
				"--flashsale.config.client.password=a-real-password"))
			.hasRootCauseInstanceOf(UnsafeConfiguration.class)
			.rootCause()
			.hasMessageContaining("built-in local secret");
	}

	private void start(String... args) {
		List<String> all = new ArrayList<>(
				List.of("--server.port=0", "--spring.cloud.config.server.native.search-locations=file:../config-repo/",
						"--flashsale.config.state-dir=" + this.state.toAbsolutePath(),
						"--spring.kafka.bootstrap-servers=127.0.0.1:1"));
		all.addAll(List.of(args));
		new SpringApplicationBuilder(ConfigServerApplication.class).run(all.toArray(String[]::new)).close();
	}

}
