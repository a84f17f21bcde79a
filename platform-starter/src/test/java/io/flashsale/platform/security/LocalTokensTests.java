package io.flashsale.platform.security;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

class LocalTokensTests {

	private final JwtProperties properties = new JwtProperties(LocalTokens.DEFAULT_LOCAL_SECRET, null, null,
			"flashsale-local");

	@Test
	void mintsTokensTheSharedDecoderAccepts() {
		LocalTokens tokens = new LocalTokens(this.properties, Duration.ofMinutes(1));
		Jwt jwt = JwtDecoders.servlet(this.properties).decode(tokens.admin("ops-1"));
		assertThat(jwt.getSubject()).isEqualTo("ops-1");
		assertThat(new RolesConverter().convert(jwt)).extracting(Object::toString).containsExactly("ROLE_ADMIN");
	}

	@Test
	void shopperTokensCarryNoRoles() {
		LocalTokens tokens = new LocalTokens(this.properties, Duration.ofMinutes(1));
		Jwt jwt = JwtDecoders.servlet(this.properties).decode(tokens.user("alice"));
		assertThat(new RolesConverter().convert(jwt)).isEmpty();
	}

}
