package io.flashsale.payment.channel;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignaturesTests {

	/** RFC 4231, test case 2. */
	@Test
	void signsWithHmacSha256InLowerCaseHex() {
		assertThat(Signatures.hmacSha256Hex("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)))
			.isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
	}

	@Test
	void acceptsOnlyTheBodysOwnSignature() {
		byte[] body = "{\"tradeNo\":\"SP1\"}".getBytes(StandardCharsets.UTF_8);
		String signature = Signatures.hmacSha256Hex("secret", body);
		assertThat(Signatures.matches("secret", body, signature)).isTrue();
		assertThat(Signatures.matches("secret", body, signature.toUpperCase())).isTrue();
		assertThat(Signatures.matches("other", body, signature)).isFalse();
		assertThat(Signatures.matches("secret", "{\"tradeNo\":\"SP2\"}".getBytes(StandardCharsets.UTF_8), signature))
			.isFalse();
		assertThat(Signatures.matches("secret", body, signature.substring(1))).isFalse();
		assertThat(Signatures.matches("secret", body, null)).isFalse();
	}

}
