package io.flashsale.payment.channel;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 over raw bytes, hex encoded: how the sandbox wallets sign callbacks.
 */
public final class Signatures {

	/** The header carrying a callback's signature. */
	public static final String HEADER = "X-Sandbox-Signature";

	private Signatures() {
	}

	public static String hmacSha256Hex(String secret, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	/**
	 * Whether {@code signature} is the body's signature, compared in constant time so the
	 * answer's timing tells a forger nothing.
	 */
	public static boolean matches(String secret, byte[] body, String signature) {
		if (signature == null) {
			return false;
		}
		byte[] expected = hmacSha256Hex(secret, body).getBytes(StandardCharsets.US_ASCII);
		byte[] given = signature.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(expected, given);
	}

}
