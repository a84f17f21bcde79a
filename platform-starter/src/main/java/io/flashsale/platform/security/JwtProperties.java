package io.flashsale.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How tokens are verified. Locally an HS256 shared secret; in production an issuer or a
 * JWKS endpoint, which win over the secret when set. Whatever the mode, a token must
 * carry {@code exp}, a safe {@code sub}, the expected {@code iss} and, when
 * {@code audience} is set, that audience. What is unsafe outside the {@code local}
 * profile (no verification at all, the built-in secret) refuses to start; see
 * {@link JwtDecoders#refuseUnsafe(JwtProperties, boolean)}.
 *
 * @param secret HS256 key, at least 32 bytes; only for local and test stacks
 * @param issuerUri OpenID issuer whose discovery document names the keys
 * @param jwkSetUri JWKS endpoint, when there is no discovery document
 * @param issuer expected {@code iss} claim, in every mode
 * @param audience expected {@code aud} entry; not checked when empty
 */
@ConfigurationProperties("flashsale.security.jwt")
public record JwtProperties(String secret, String issuerUri, String jwkSetUri,
		@DefaultValue("flashsale-local") String issuer, String audience) {

	@ConstructorBinding
	public JwtProperties {
	}

	/** The claim that lists a user's roles, for example {@code ["ADMIN"]}. */
	public static final String ROLES_CLAIM = "roles";

	/**
	 * Roles that may read actuator endpoints other than health, on every service and the
	 * gateway: operators and scrapers.
	 */
	public static final String[] ACTUATOR_ROLES = { "ADMIN", "OPS" };

	/** The issuer of locally signed tokens. */
	public static final String LOCAL_ISSUER = "flashsale-local";

	public JwtProperties(String secret, String issuerUri, String jwkSetUri, String issuer) {
		this(secret, issuerUri, jwkSetUri, issuer, null);
	}

}
