package io.flashsale.configserver.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import io.flashsale.platform.problem.ProblemResponses;
import io.flashsale.platform.security.JwtProperties;
import io.flashsale.platform.security.LocalProfile;
import io.flashsale.platform.security.ServletSecurityAutoConfiguration;
import io.flashsale.platform.security.UnsafeConfiguration;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.StringUtils;

/**
 * The config server serves every service's settings, so reading them needs the config
 * clients' credentials (HTTP basic), and ops' API needs an ADMIN token as everywhere
 * else. Open: health probes, the API description and {@code GET /api/switches/version},
 * which says only a number, polled by the services when the bus is down. Outside the
 * {@code local} profile the server refuses to start without a config-client password of
 * its own.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConfigClientCredentials.class)
class ConfigServerSecurity {

	static final String CONFIG_CLIENT = "CONFIG_CLIENT";

	@Bean
	SecurityFilterChain configServerSecurityFilterChain(HttpSecurity http, ProblemResponses problems) {
		http.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**", "/api/switches/version",
						"/v3/api-docs", "/v3/api-docs/**")
				.permitAll()
				// The ops console's page and script hold no data: every call they make
				// carries the operator's own ADMIN token.
				.requestMatchers(HttpMethod.GET, "/console.html", "/console.js", "/console.css")
				.permitAll()
				.requestMatchers("/error")
				.permitAll()
				.requestMatchers("/api/**")
				.hasRole("ADMIN")
				.requestMatchers("/actuator/**")
				.hasAnyRole(JwtProperties.ACTUATOR_ROLES)
				// Everything else is Spring Cloud Config's:
				// /{application}/{profile}[/{label}]
				// and the file forms.
				.anyRequest()
				.hasRole(CONFIG_CLIENT))
			.httpBasic((basic) -> basic.authenticationEntryPoint(problems))
			.oauth2ResourceServer((server) -> server.jwt(
					(jwt) -> jwt.jwtAuthenticationConverter(ServletSecurityAutoConfiguration.authenticationConverter()))
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.exceptionHandling((handling) -> handling.authenticationEntryPoint(problems).accessDeniedHandler(problems));
		return http.build();
	}

	@Bean
	UserDetailsService configClients(ConfigClientCredentials credentials, Environment environment) {
		refuseUnsafe(credentials, LocalProfile.isActive(environment));
		return new InMemoryUserDetailsManager(User.withUsername(credentials.username())
			.password(credentials.password())
			.roles(CONFIG_CLIENT)
			.build());
	}

	/**
	 * The password comes from the environment, never from a file in a repository, so it
	 * is kept as given and compared in constant time.
	 * @return the encoder
	 */
	@Bean
	PasswordEncoder configClientPasswords() {
		return new PasswordEncoder() {
			@Override
			public String encode(CharSequence raw) {
				return raw.toString();
			}

			@Override
			public boolean matches(CharSequence raw, String expected) {
				return raw != null && expected != null && MessageDigest.isEqual(
						raw.toString().getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
			}
		};
	}

	static void refuseUnsafe(ConfigClientCredentials credentials, boolean local) {
		if (!StringUtils.hasText(credentials.password())) {
			throw new UnsafeConfiguration(
					"The config clients' password (flashsale.config.client.password) is not set, so no service could read its configuration.",
					"Set FLASHSALE_CONFIG_PASSWORD here and in every service; the built-in password exists only in the '"
							+ LocalProfile.NAME + "' profile.");
		}
		if (!local && ConfigClientCredentials.BUILT_IN_PASSWORD.equals(credentials.password())) {
			throw new UnsafeConfiguration(
					"The config clients' password is the built-in local one, published in this repository, and the '"
							+ LocalProfile.NAME + "' profile is not active.",
					"Set FLASHSALE_CONFIG_PASSWORD to a random value here and in every service.");
		}
	}

}
