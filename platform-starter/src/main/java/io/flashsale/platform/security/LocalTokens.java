package io.flashsale.platform.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.nimbusds.jose.jwk.source.ImmutableSecret;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Mints HS256 tokens that a stack configured with a shared secret accepts. For the local
 * stack ({@code ./flashsale token}), tests and load tests only: production verifies
 * tokens of a real identity provider and has no secret to sign with.
 */
public final class LocalTokens {

	private final NimbusJwtEncoder encoder;

	private final String issuer;

	private final Duration lifetime;

	public LocalTokens(JwtProperties properties, Duration lifetime) {
		this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(JwtDecoders.secretKey(properties)));
		this.issuer = properties.issuer();
		this.lifetime = lifetime;
	}

	public String user(String userId) {
		return mint(userId, List.of());
	}

	public String admin(String userId) {
		return mint(userId, List.of("ADMIN"));
	}

	public String mint(String userId, List<String> roles) {
		Objects.requireNonNull(userId, "userId");
		Instant now = Instant.now();
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer(this.issuer)
			.subject(userId)
			.issuedAt(now)
			.expiresAt(now.plus(this.lifetime))
			.claim(JwtProperties.ROLES_CLAIM, roles)
			.build();
		JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).build();
		return this.encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
	}

	/**
	 * Tokens for a running local stack, signed as its services verify them: with
	 * {@code FLASHSALE_JWT_SECRET} or the built-in secret of the {@code local} profile.
	 * @param lifetime how long each token is valid
	 * @return the minter
	 */
	public static LocalTokens forLocalStack(Duration lifetime) {
		String secret = System.getenv().getOrDefault("FLASHSALE_JWT_SECRET", DEFAULT_LOCAL_SECRET);
		return new LocalTokens(new JwtProperties(secret, null, null, "flashsale-local"), lifetime);
	}

	/**
	 * Prints a token: {@code LocalTokens USER [--admin]}. The secret comes from
	 * {@code FLASHSALE_JWT_SECRET} or the built-in secret of the {@code local} profile,
	 * as the services read it.
	 * @param args the user id and an optional {@code --admin}
	 */
	public static void main(String[] args) {
		if (args.length < 1 || args[0].isBlank() || args[0].startsWith("-")) {
			System.err.println("usage: token USER [--admin]");
			System.exit(2);
		}
		if (!JwtDecoders.SAFE_SUBJECT.matcher(args[0]).matches()) {
			System.err.println("a user id is 1-64 characters: letters, digits and . _ @ : - (not first)");
			System.exit(2);
		}
		boolean admin = List.of(args).contains("--admin");
		LocalTokens tokens = forLocalStack(Duration.ofHours(12));
		System.out.println(admin ? tokens.admin(args[0]) : tokens.user(args[0]));
	}

	/**
	 * The built-in secret of the {@code local} profile
	 * ({@code META-INF/flashsale-local-defaults.properties}).
	 */
	static final String DEFAULT_LOCAL_SECRET = JwtDecoders.BUILT_IN_SECRET;

}
