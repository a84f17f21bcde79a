package io.flashsale.platform.security;

import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How tokens are verified. Locally an HS256 shared secret; in production an issuer or a
 * JWKS endpoint, which win over the secret when set.
 *
 * @param secret HS256 key, at least 32 bytes; only for local and test stacks
 * @param issuerUri OpenID issuer whose discovery document names the keys
 * @param jwkSetUri JWKS endpoint, when there is no discovery document
 * @param issuer expected {@code iss} claim of locally signed tokens
 */
@Validated
@ConfigurationProperties("flashsale.security.jwt")
public record JwtProperties(@Size(min = 32) String secret, String issuerUri, String jwkSetUri,
		@DefaultValue("flashsale-local") String issuer) {

	/** The claim that lists a user's roles, for example {@code ["ADMIN"]}. */
	public static final String ROLES_CLAIM = "roles";

}
