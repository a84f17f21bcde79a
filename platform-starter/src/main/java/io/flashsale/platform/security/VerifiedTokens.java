package io.flashsale.platform.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Tokens whose signature was verified, so a shopper's next request skips the signature
 * and the claims parsing: in a rush every shopper sends the same token again and again,
 * and verifying it was a sixth of the gateway's CPU per request.
 *
 * <p>
 * Only a token the real decoder accepted enters the cache, and every hit is validated
 * again with the same validators (expiry, not-before, issuer, audience, subject), so a
 * cached token stops working when it expires. The cache holds at most {@link #CAPACITY}
 * tokens and is emptied when full: memory stays bounded whatever arrives, and the cost is
 * one more verification per token.
 */
final class VerifiedTokens {

	/** Tokens kept; about 1 KB each. */
	static final int CAPACITY = 20_000;

	private final Map<String, Jwt> tokens = new ConcurrentHashMap<>();

	private final OAuth2TokenValidator<Jwt> validator;

	private final int capacity;

	VerifiedTokens(OAuth2TokenValidator<Jwt> validator, int capacity) {
		this.validator = validator;
		this.capacity = capacity;
	}

	/** The cached token, valid now; {@code null} if unknown or no longer valid. */
	Jwt valid(String token) {
		Jwt jwt = this.tokens.get(token);
		if (jwt == null) {
			return null;
		}
		if (this.validator.validate(jwt).hasErrors()) {
			this.tokens.remove(token);
			return null;
		}
		return jwt;
	}

	Jwt remember(String token, Jwt jwt) {
		if (this.tokens.size() >= this.capacity) {
			this.tokens.clear();
		}
		this.tokens.put(token, jwt);
		return jwt;
	}

	int size() {
		return this.tokens.size();
	}

	static JwtDecoder caching(JwtDecoder decoder, OAuth2TokenValidator<Jwt> validator) {
		VerifiedTokens verified = new VerifiedTokens(validator, CAPACITY);
		return (token) -> {
			if (token == null) {
				throw new BadJwtException("No token");
			}
			Jwt jwt = verified.valid(token);
			return (jwt != null) ? jwt : verified.remember(token, decoder.decode(token));
		};
	}

	static ReactiveJwtDecoder caching(ReactiveJwtDecoder decoder, OAuth2TokenValidator<Jwt> validator) {
		VerifiedTokens verified = new VerifiedTokens(validator, CAPACITY);
		return (token) -> {
			if (token == null) {
				return Mono.error(new BadJwtException("No token"));
			}
			Jwt jwt = verified.valid(token);
			return (jwt != null) ? Mono.just(jwt)
					: decoder.decode(token).map((decoded) -> verified.remember(token, decoded));
		};
	}

}
