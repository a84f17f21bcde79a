package io.flashsale.platform.security;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The verified-token cache in front of the real decoders: a token is verified once, every
 * use is validated again, a rejected token is never remembered, and memory stays bounded.
 */
class VerifiedTokensTests {

	static final JwtProperties PROPERTIES = new JwtProperties(TokenClaimsTests.SECRET, null, null,
			JwtProperties.LOCAL_ISSUER);

	@Test
	void verifiesEachTokenOnceAndAnswersItsRepeatsFromMemory() {
		AtomicInteger verified = new AtomicInteger();
		JwtDecoder real = JwtDecoders.servlet(PROPERTIES);
		JwtDecoder countingReal = (token) -> {
			verified.incrementAndGet();
			return real.decode(token);
		};
		JwtDecoder counting = JwtDecoders.caching(countingReal, JwtDecoders.validator(PROPERTIES));
		String token = new LocalTokens(PROPERTIES, Duration.ofMinutes(5)).user("alice");

		Jwt first = counting.decode(token);
		Jwt again = counting.decode(token);

		assertThat(again.getSubject()).isEqualTo("alice").isEqualTo(first.getSubject());
		assertThat(verified).hasValue(1);
	}

	@Test
	void neverRemembersARejectedTokenOnEitherStack() {
		AtomicInteger servletCalls = new AtomicInteger();
		AtomicInteger reactiveCalls = new AtomicInteger();
		JwtDecoder failingServlet = (token) -> {
			servletCalls.incrementAndGet();
			throw new BadJwtException("bad signature");
		};
		ReactiveJwtDecoder failingReactive = (token) -> {
			reactiveCalls.incrementAndGet();
			return Mono.error(new BadJwtException("bad signature"));
		};
		JwtDecoder servlet = JwtDecoders.caching(failingServlet, JwtDecoders.validator(PROPERTIES));
		ReactiveJwtDecoder reactive = JwtDecoders.caching(failingReactive, JwtDecoders.validator(PROPERTIES));

		for (int i = 0; i < 3; i++) {
			assertThatExceptionOfType(JwtException.class).isThrownBy(() -> servlet.decode("forged"));
			assertThatExceptionOfType(JwtException.class).isThrownBy(() -> reactive.decode("forged").block());
		}
		assertThat(servletCalls).hasValue(3);
		assertThat(reactiveCalls).hasValue(3);
	}

	@Test
	void validatesARememberedTokenAgainSoItStopsWorkingWhenItExpires() {
		String token = new LocalTokens(PROPERTIES, Duration.ofMinutes(5)).user("bob");
		Jwt decoded = JwtDecoders.servlet(PROPERTIES).decode(token);
		Jwt expired = Jwt.withTokenValue(token)
			.headers((headers) -> headers.putAll(decoded.getHeaders()))
			.claims((claims) -> claims.putAll(decoded.getClaims()))
			.expiresAt(decoded.getIssuedAt().minus(Duration.ofHours(2)))
			.issuedAt(decoded.getIssuedAt().minus(Duration.ofHours(3)))
			.build();
		VerifiedTokens tokens = new VerifiedTokens(JwtDecoders.validator(PROPERTIES), 10);
		tokens.remember(token, expired);

		assertThat(tokens.valid(token)).isNull();
		assertThat(tokens.size()).isZero();
	}

	@Test
	void staysWithinItsCapacity() {
		VerifiedTokens tokens = new VerifiedTokens(JwtDecoders.validator(PROPERTIES), 100);
		LocalTokens minter = new LocalTokens(PROPERTIES, Duration.ofMinutes(5));
		JwtDecoder real = JwtDecoders.servlet(PROPERTIES);
		for (int i = 0; i < 250; i++) {
			String token = minter.user("shopper-" + i);
			tokens.remember(token, real.decode(token));
			assertThat(tokens.size()).isLessThanOrEqualTo(100);
		}
	}

}
