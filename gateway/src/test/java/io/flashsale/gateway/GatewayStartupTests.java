package io.flashsale.gateway;

import io.flashsale.platform.security.UnsafeConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The gateway started as a deployment, without the {@code local} profile: it refuses to
 * start on the built-in JWT secret, or with no token verification at all, and says why.
 */
class GatewayStartupTests {

	@Test
	void refusesToStartOnTheBuiltInJwtSecretOutsideTheLocalProfile() {
		assertThatThrownBy(() -> start("--flashsale.security.jwt.secret=local-dev-secret-change-me-0123456789abcdef"))
			.hasRootCauseInstanceOf(UnsafeConfiguration.class)
			.rootCause()
			.hasMessageContaining("built-in local secret")
			.hasMessageContaining("FLASHSALE_JWT_SECRET");
	}

	@Test
	void refusesToStartWithoutTokenVerificationOutsideTheLocalProfile() {
		assertThatThrownBy(() -> start()).hasRootCauseInstanceOf(UnsafeConfiguration.class)
			.rootCause()
			.hasMessageContaining("No token verification is configured");
	}

	private static void start(String... args) {
		String[] all = new String[args.length + 3];
		all[0] = "--server.port=0";
		all[1] = "--spring.cloud.config.enabled=false";
		all[2] = "--spring.kafka.bootstrap-servers=127.0.0.1:1";
		System.arraycopy(args, 0, all, 3, args.length);
		new SpringApplicationBuilder(GatewayApplication.class).run(all).close();
	}

}
