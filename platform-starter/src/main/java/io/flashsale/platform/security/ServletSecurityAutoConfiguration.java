package io.flashsale.platform.security;

import tools.jackson.databind.json.JsonMapper;

import io.flashsale.platform.problem.ProblemResponses;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every servlet service is a stateless JWT resource server. Health probes are open; admin
 * APIs need the ADMIN role and every other actuator endpoint (Prometheus included) the
 * ADMIN or OPS role; GETs on {@code flashsale.security.public-paths} are open (after the
 * admin rules), and so is every method on {@code flashsale.security.open-paths}: requests
 * that authenticate themselves, such as payment channels' signed callbacks. Everything
 * else needs a valid token.
 */
@AutoConfiguration(before = { ServletWebSecurityAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(JwtProperties.class)
public class ServletSecurityAutoConfiguration {

	/** Open without a token: health probes and the API description. */
	static final String[] PUBLIC_PATHS = { "/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**",
			"/error" };

	/**
	 * The converter every servlet filter chain uses, so roles mean the same everywhere.
	 * @return the converter from JWT to authentication
	 */
	public static JwtAuthenticationConverter authenticationConverter() {
		return RolesConverter.authenticationConverter();
	}

	/**
	 * No observation per security filter, authentication and authorization: with them,
	 * every request paid for a dozen observations it never reports
	 * ({@code management.observations.enable.spring.security=false} only stops them from
	 * being recorded; this keeps the chain from creating them).
	 * @return the settings
	 */
	@Bean
	@ConditionalOnMissingBean
	static SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	@ConditionalOnMissingBean
	JwtDecoder jwtDecoder(JwtProperties properties, Environment environment) {
		JwtDecoders.refuseUnsafe(properties, LocalProfile.isActive(environment));
		return JwtDecoders.servlet(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	ProblemResponses flashsaleProblemResponses(JsonMapper json) {
		return new ProblemResponses(json);
	}

	@Bean
	@ConditionalOnMissingBean(SecurityFilterChain.class)
	SecurityFilterChain flashsaleSecurityFilterChain(HttpSecurity http, ProblemResponses problems,
			@Value("${flashsale.security.public-paths:}") String[] publicPaths,
			@Value("${flashsale.security.open-paths:}") String[] openPaths) {
		http.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.GET, PUBLIC_PATHS)
				.permitAll()
				.requestMatchers("/api/admin/**")
				.hasRole("ADMIN")
				.requestMatchers("/actuator/**")
				.hasAnyRole(JwtProperties.ACTUATOR_ROLES)
				.requestMatchers(HttpMethod.GET, publicPaths)
				.permitAll()
				.requestMatchers(openPaths)
				.permitAll()
				.anyRequest()
				.authenticated())
			.oauth2ResourceServer((server) -> server
				.jwt((jwt) -> jwt.jwtAuthenticationConverter(RolesConverter.authenticationConverter()))
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.exceptionHandling((handling) -> handling.authenticationEntryPoint(problems).accessDeniedHandler(problems));
		return http.build();
	}

}
