package io.flashsale.platform.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * The reactive (gateway) side of the shared JWT verification. The gateway declares its
 * own filter chain, since what it opens and what it protects follows its routes.
 */
@AutoConfiguration(
		before = { ReactiveWebSecurityAutoConfiguration.class, ReactiveOAuth2ResourceServerAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties(JwtProperties.class)
public class ReactiveSecurityAutoConfiguration {

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
	ReactiveJwtDecoder reactiveJwtDecoder(JwtProperties properties, Environment environment) {
		JwtDecoders.refuseUnsafe(properties, LocalProfile.isActive(environment));
		return JwtDecoders.reactive(properties);
	}

	/**
	 * The converter the gateway's filter chain uses, so roles mean the same everywhere.
	 * @return the converter from JWT to authentication
	 */
	public static org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter authenticationConverter() {
		return new org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter(
				RolesConverter.authenticationConverter());
	}

}
