package io.flashsale.platform.security;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import java.nio.charset.StandardCharsets;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoders;
import org.springframework.util.StringUtils;

/**
 * Builds the decoder {@link JwtProperties} describe, for servlet and reactive stacks
 * alike.
 */
final class JwtDecoders {

	private JwtDecoders() {
	}

	static JwtDecoder servlet(JwtProperties properties) {
		if (StringUtils.hasText(properties.jwkSetUri())) {
			return NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri()).build();
		}
		if (StringUtils.hasText(properties.issuerUri())) {
			return org.springframework.security.oauth2.jwt.JwtDecoders.fromIssuerLocation(properties.issuerUri());
		}
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(secretKey(properties))
			.macAlgorithm(MacAlgorithm.HS256)
			.build();
		decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(properties.issuer()));
		return decoder;
	}

	static ReactiveJwtDecoder reactive(JwtProperties properties) {
		if (StringUtils.hasText(properties.jwkSetUri())) {
			return NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwkSetUri()).build();
		}
		if (StringUtils.hasText(properties.issuerUri())) {
			return ReactiveJwtDecoders.fromIssuerLocation(properties.issuerUri());
		}
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withSecretKey(secretKey(properties))
			.macAlgorithm(MacAlgorithm.HS256)
			.build();
		decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(properties.issuer()));
		return decoder;
	}

	static SecretKey secretKey(JwtProperties properties) {
		if (!StringUtils.hasText(properties.secret())) {
			throw new IllegalStateException(
					"Set flashsale.security.jwt.secret (local) or flashsale.security.jwt.issuer-uri / jwk-set-uri");
		}
		return new SecretKeySpec(properties.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
	}

}
