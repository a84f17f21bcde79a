package io.flashsale.platform.security;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.util.StringUtils;

/**
 * Builds the decoder {@link JwtProperties} describe, for servlet and reactive stacks
 * alike, with the same checks in every mode: signature, {@code exp} present and not
 * passed, {@code iss}, {@code aud} when configured, and a {@code sub} that fits the
 * user-id columns (at most 64 characters of a safe set), so a user id is never truncated
 * or smuggled into logs and keys.
 */
final class JwtDecoders {

	/**
	 * Must equal the local-profile default in
	 * {@code META-INF/flashsale-local-defaults.properties}.
	 */
	static final String BUILT_IN_SECRET = "local-dev-secret-change-me-0123456789abcdef";

	/** A user id: what the 64-wide user-id columns hold, in characters safe anywhere. */
	static final Pattern SAFE_SUBJECT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@:-]{0,63}");

	private JwtDecoders() {
	}

	static JwtDecoder servlet(JwtProperties properties) {
		NimbusJwtDecoder decoder;
		if (StringUtils.hasText(properties.jwkSetUri())) {
			decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri()).build();
		}
		else if (StringUtils.hasText(properties.issuerUri())) {
			decoder = NimbusJwtDecoder.withIssuerLocation(properties.issuerUri()).build();
		}
		else {
			decoder = NimbusJwtDecoder.withSecretKey(secretKey(properties)).macAlgorithm(MacAlgorithm.HS256).build();
		}
		OAuth2TokenValidator<Jwt> validator = validator(properties);
		decoder.setJwtValidator(validator);
		return caching(decoder, validator);
	}

	static ReactiveJwtDecoder reactive(JwtProperties properties) {
		NimbusReactiveJwtDecoder decoder;
		if (StringUtils.hasText(properties.jwkSetUri())) {
			decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwkSetUri()).build();
		}
		else if (StringUtils.hasText(properties.issuerUri())) {
			decoder = NimbusReactiveJwtDecoder.withIssuerLocation(properties.issuerUri()).build();
		}
		else {
			decoder = NimbusReactiveJwtDecoder.withSecretKey(secretKey(properties))
				.macAlgorithm(MacAlgorithm.HS256)
				.build();
		}
		OAuth2TokenValidator<Jwt> validator = validator(properties);
		decoder.setJwtValidator(validator);
		return caching(decoder, validator);
	}

	static JwtDecoder caching(JwtDecoder decoder, OAuth2TokenValidator<Jwt> validator) {
		return VerifiedTokens.caching(decoder, validator);
	}

	static ReactiveJwtDecoder caching(ReactiveJwtDecoder decoder, OAuth2TokenValidator<Jwt> validator) {
		return VerifiedTokens.caching(decoder, validator);
	}

	static OAuth2TokenValidator<Jwt> validator(JwtProperties properties) {
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
		validators.add(JwtValidators.createDefaultWithIssuer(properties.issuer()));
		validators.add(new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull));
		validators.add(new JwtClaimValidator<String>(JwtClaimNames.SUB,
				(subject) -> subject != null && SAFE_SUBJECT.matcher(subject).matches()));
		if (StringUtils.hasText(properties.audience())) {
			String audience = properties.audience();
			validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
					(audiences) -> audiences != null && audiences.contains(audience)));
		}
		return new DelegatingOAuth2TokenValidator<>(validators);
	}

	/**
	 * Refuses what must not verify real users' tokens: no verification configured, a
	 * secret too short for HS256, and, outside the {@code local} profile, the built-in
	 * secret anyone can read in this repository or the local issuer with an identity
	 * provider.
	 * @param properties the settings
	 * @param local whether the {@code local} profile is active
	 * @throws UnsafeConfiguration when the settings are unsafe
	 */
	static void refuseUnsafe(JwtProperties properties, boolean local) {
		boolean provider = StringUtils.hasText(properties.jwkSetUri()) || StringUtils.hasText(properties.issuerUri());
		if (provider) {
			if (!local && JwtProperties.LOCAL_ISSUER.equals(properties.issuer())) {
				throw new UnsafeConfiguration(
						"Tokens come from an identity provider (flashsale.security.jwt.issuer-uri or jwk-set-uri) but the expected issuer is still the local one, '"
								+ JwtProperties.LOCAL_ISSUER + "'.",
						"Set FLASHSALE_JWT_ISSUER (flashsale.security.jwt.issuer) to the provider's 'iss' value.");
			}
			return;
		}
		if (!StringUtils.hasText(properties.secret())) {
			throw new UnsafeConfiguration(
					"No token verification is configured: flashsale.security.jwt.secret is empty.",
					"Set FLASHSALE_JWT_SECRET (an HS256 key of at least 32 bytes), or flashsale.security.jwt.issuer-uri or jwk-set-uri for an identity provider; the built-in secret exists only in the '"
							+ LocalProfile.NAME + "' profile.");
		}
		if (properties.secret().getBytes(StandardCharsets.UTF_8).length < 32) {
			throw new UnsafeConfiguration("flashsale.security.jwt.secret is shorter than 32 bytes.",
					"Set FLASHSALE_JWT_SECRET to a random key of at least 32 bytes.");
		}
		if (!local && BUILT_IN_SECRET.equals(properties.secret())) {
			throw new UnsafeConfiguration(
					"flashsale.security.jwt.secret is the built-in local secret, published in this repository, and the '"
							+ LocalProfile.NAME
							+ "' profile is not active: anyone could sign tokens this service accepts.",
					"Set FLASHSALE_JWT_SECRET to a random key of at least 32 bytes (or use an identity provider), or run with the '"
							+ LocalProfile.NAME + "' profile on a local stack.");
		}
	}

	static SecretKey secretKey(JwtProperties properties) {
		if (!StringUtils.hasText(properties.secret())) {
			throw new IllegalStateException(
					"Set flashsale.security.jwt.secret (local) or flashsale.security.jwt.issuer-uri / jwk-set-uri");
		}
		return new SecretKeySpec(properties.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
	}

}
