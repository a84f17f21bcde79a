package io.flashsale.platform.security;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A servlet service and the reactive gateway alike, started as an application is (the
 * platform defaults included): outside the {@code local} profile they refuse to start on
 * the built-in JWT secret or with no token verification at all, and say why.
 */
class UnsafeTokenSettingsTests {

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = { "SERVLET", "REACTIVE" })
	void refusesToStartOnTheBuiltInSecretOutsideTheLocalProfile(WebApplicationType type) {
		assertThatThrownBy(() -> start(type, "--flashsale.security.jwt.secret=" + JwtDecoders.BUILT_IN_SECRET))
			.hasRootCauseInstanceOf(UnsafeConfiguration.class)
			.rootCause()
			.hasMessageContaining("built-in local secret")
			.hasMessageContaining("FLASHSALE_JWT_SECRET");
	}

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = { "SERVLET", "REACTIVE" })
	void refusesToStartWithoutAnyTokenVerificationOutsideTheLocalProfile(WebApplicationType type) {
		assertThatThrownBy(() -> start(type)).hasRootCauseInstanceOf(UnsafeConfiguration.class)
			.rootCause()
			.hasMessageContaining("No token verification is configured");
	}

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = { "SERVLET", "REACTIVE" })
	void refusesToStartWithAnIdentityProviderButTheLocalIssuer(WebApplicationType type) {
		assertThatThrownBy(() -> start(type, "--flashsale.security.jwt.jwk-set-uri=http://127.0.0.1:1/jwks"))
			.rootCause()
			.hasMessageContaining("FLASHSALE_JWT_ISSUER");
	}

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = { "SERVLET", "REACTIVE" })
	void startsOnTheBuiltInSecretInTheLocalProfile(WebApplicationType type) {
		try (ConfigurableApplicationContext context = start(type, "--spring.profiles.active=local")) {
			assertThat(context.getBean(JwtProperties.class).secret()).isEqualTo(JwtDecoders.BUILT_IN_SECRET);
		}
	}

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = { "SERVLET", "REACTIVE" })
	void startsOnAnExplicitSecretOutsideTheLocalProfile(WebApplicationType type) {
		try (ConfigurableApplicationContext context = start(type,
				"--flashsale.security.jwt.secret=a-real-deployment-secret-of-40-bytes-xx")) {
			assertThat(context.isRunning()).isTrue();
		}
	}

	@ParameterizedTest
	@EnumSource(value = WebApplicationType.class, names = { "SERVLET", "REACTIVE" })
	void startsWithAnIdentityProviderAndItsIssuer(WebApplicationType type) {
		try (ConfigurableApplicationContext context = start(type,
				"--flashsale.security.jwt.jwk-set-uri=http://127.0.0.1:1/jwks",
				"--flashsale.security.jwt.issuer=https://id.example.com")) {
			assertThat(context.isRunning()).isTrue();
		}
	}

	@org.junit.jupiter.api.Test
	void explainsTheRefusalInTheStartupFailureReport() {
		FailureAnalysis analysis = new UnsafeConfigurationFailureAnalyzer().analyze(new IllegalStateException(
				new UnsafeConfiguration("The secret is the built-in one.", "Set FLASHSALE_JWT_SECRET.")));
		assertThat(analysis.getDescription()).isEqualTo("The secret is the built-in one.");
		assertThat(analysis.getAction()).isEqualTo("Set FLASHSALE_JWT_SECRET.");
	}

	private static ConfigurableApplicationContext start(WebApplicationType type, String... args) {
		List<String> all = new ArrayList<>(List.of("--server.port=0", "--spring.application.name=unsafe-test",
				"--spring.main.banner-mode=off", "--flashsale.switches.poll-interval=1h"));
		all.addAll(List.of(args));
		return new SpringApplicationBuilder(App.class).web(type).run(all.toArray(String[]::new));
	}

	@EnableAutoConfiguration(excludeName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
			"org.mybatis.spring.boot.autoconfigure.MybatisAutoConfiguration" })
	static class App {

	}

}
