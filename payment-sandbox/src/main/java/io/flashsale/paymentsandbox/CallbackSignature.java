package io.flashsale.paymentsandbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How the sandbox wallets sign a callback: the hex HMAC-SHA256 of the raw body, keyed
 * with the channel's secret, in {@value #HEADER} (docs/payment-callbacks.md).
 */
final class CallbackSignature {

	static final String HEADER = "X-Sandbox-Signature";

	private CallbackSignature() {
	}

	static String of(String secret, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
