package io.flashsale.platform.security;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What a token must carry, on the servlet and the reactive decoder alike, with the local
 * HS256 secret and with an identity provider's JWKS: {@code exp}, the expected issuer,
 * the configured audience, and a subject that fits a 64-wide user-id column in safe
 * characters.
 */
class TokenClaimsTests {

	static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256";

	static final String PROVIDER = "https://id.example.com";

	static RSAKey providerKey;

	static HttpServer jwks;

	enum Stack {

		SERVLET((properties) -> (token) -> JwtDecoders.servlet(properties).decode(token)),

		REACTIVE((properties) -> (token) -> JwtDecoders.reactive(properties).decode(token).block());

		final Function<JwtProperties, Function<String, Jwt>> decoder;

		Stack(Function<JwtProperties, Function<String, Jwt>> decoder) {
			this.decoder = decoder;
		}

		Function<String, Jwt> decoder(JwtProperties properties) {
			return this.decoder.apply(properties);
		}

	}

	@BeforeAll
	static void startProvider() throws Exception {
		providerKey = new RSAKeyGenerator(2048).keyID("provider-1").generate();
		byte[] keys = new JWKSet(providerKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
		jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		jwks.createContext("/jwks", (exchange) -> {
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, keys.length);
			exchange.getResponseBody().write(keys);
			exchange.close();
		});
		jwks.start();
	}

	@AfterAll
	static void stopProvider() {
		jwks.stop(0);
	}

	@ParameterizedTest
	@EnumSource(Stack.class)
	void acceptsAWellFormedLocalToken(Stack stack) {
		Jwt jwt = stack.decoder(local(null)).apply(hs256((claims) -> {
		}));
		assertThat(jwt.getSubject()).isEqualTo("alice");
	}

	@ParameterizedTest
	@EnumSource(Stack.class)
	void rejectsATokenWithoutExpiry(Stack stack) {
		String token = hs256((claims) -> claims.claims((all) -> all.remove("exp")));
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> stack.decoder(local(null)).apply(token))
			.withMessageContaining("exp");
	}

	@ParameterizedTest
	@EnumSource(Stack.class)
	void rejectsASubjectLongerThanAUserIdColumn(Stack stack) {
		Function<String, Jwt> decoder = stack.decoder(local(null));
		assertThat(decoder.apply(hs256((claims) -> claims.subject("a".repeat(64)))).getSubject()).hasSize(64);
		String token = hs256((claims) -> claims.subject("a".repeat(65)));
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.apply(token))
			.withMessageContaining("sub");
	}

	@ParameterizedTest
	@EnumSource(Stack.class)
	void rejectsASubjectWithUnsafeCharacters(Stack stack) {
		Function<String, Jwt> decoder = stack.decoder(local(null));
		for (String subject : List.of("alice bob", "<script>", "alice\nINFO forged", "-leading-dash", "")) {
			String token = hs256((claims) -> claims.subject(subject));
			assertThatExceptionOfType(JwtException.class).as(subject).isThrownBy(() -> decoder.apply(token));
		}
		assertThat(decoder.apply(hs256((claims) -> claims.subject("shopper-7.b_c@x:y"))).getSubject())
			.isEqualTo("shopper-7.b_c@x:y");
	}

	@ParameterizedTest
	@EnumSource(Stack.class)
	void checksTheAudienceWhenOneIsConfigured(Stack stack) {
		Function<String, Jwt> decoder = stack.decoder(local("flashsale-api"));
		assertThat(decoder.apply(hs256((claims) -> claims.audience(List.of("other", "flashsale-api"))))).isNotNull();
		for (String token : List.of(hs256((claims) -> claims.audience(List.of("other-api"))), hs256((claims) -> {
		}))) {
			assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.apply(token))
				.withMessageContaining("aud");
		}
	}

	@ParameterizedTest
	@EnumSource(Stack.class)
	void checksTheIssuerOfAnIdentityProvidersTokens(Stack stack) {
		JwtProperties properties = new JwtProperties(null, null,
				"http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks", PROVIDER, null);
		Function<String, Jwt> decoder = stack.decoder(properties);
		assertThat(decoder.apply(rs256((claims) -> claims.issuer(PROVIDER))).getSubject()).isEqualTo("alice");
		String elsewhere = rs256((claims) -> claims.issuer("https://evil.example.com"));
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.apply(elsewhere))
			.withMessageContaining("iss");
		String noExpiry = rs256((claims) -> claims.issuer(PROVIDER).claims((all) -> all.remove("exp")));
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decoder.apply(noExpiry));
	}

	private static JwtProperties local(String audience) {
		return new JwtProperties(SECRET, null, null, JwtProperties.LOCAL_ISSUER, audience);
	}

	private static JwtClaimsSet.Builder claims() {
		Instant now = Instant.now();
		return JwtClaimsSet.builder()
			.issuer(JwtProperties.LOCAL_ISSUER)
			.subject("alice")
			.issuedAt(now)
			.expiresAt(now.plusSeconds(300));
	}

	private static String hs256(Consumer<JwtClaimsSet.Builder> customizer) {
		JwtClaimsSet.Builder claims = claims();
		customizer.accept(claims);
		NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableSecret<>(JwtDecoders.secretKey(local(null))));
		return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims.build()))
			.getTokenValue();
	}

	private static String rs256(Consumer<JwtClaimsSet.Builder> customizer) {
		JwtClaimsSet.Builder claims = claims();
		customizer.accept(claims);
		NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(providerKey)));
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(providerKey.getKeyID()).build();
		return encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
	}

}
