package io.flashsale.configserver.access;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The one user that may read configuration: every service's config client
 * ({@code spring.cloud.config.username/password}), both sides set from
 * {@code FLASHSALE_CONFIG_USERNAME} and {@code FLASHSALE_CONFIG_PASSWORD}. The password
 * has a built-in value in the {@code local} profile only.
 *
 * @param username the config clients' user
 * @param password their password
 */
@ConfigurationProperties("flashsale.config.client")
public record ConfigClientCredentials(@DefaultValue("config-client") String username, String password) {

	/** The local profile's password; must equal the starter's local default. */
	static final String BUILT_IN_PASSWORD = "local-config-password-change-me";

}
