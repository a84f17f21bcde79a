package io.flashsale.marketing.pricing;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import io.flashsale.platform.security.UnsafeConfiguration;

import org.springframework.util.StringUtils;

/**
 * HMAC-SHA256 over a quote's canonical content, so the checkout can honour exactly the
 * price the shopper was shown without storing quotes or trusting the client.
 *
 * <p>
 * Safe by default: outside the {@code local} profile a missing secret, one shorter than
 * 32 bytes, or the built-in local one refuses to start the service, as the JWT secret
 * does; anyone holding the secret could mint quotes at any price.
 */
final class QuoteSigner {

	/** Published in this repository: the {@code local} profile's secret only. */
	static final String BUILT_IN_SECRET = "local-quote-secret-change-me-0123456789abcdef";

	private final SecretKeySpec key;

	private QuoteSigner(String secret) {
		this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
	}

	/**
	 * The signer for a configured secret.
	 * @param secret {@code flashsale.pricing.quote-secret}, maybe empty
	 * @param local whether the {@code local} profile is active
	 * @throws UnsafeConfiguration when the secret is unsafe for where the service runs
	 */
	static QuoteSigner of(String secret, boolean local) {
		if (!StringUtils.hasText(secret)) {
			if (local) {
				return new QuoteSigner(BUILT_IN_SECRET);
			}
			throw new UnsafeConfiguration("No quote signing key: flashsale.pricing.quote-secret is empty.",
					"Set FLASHSALE_QUOTE_SECRET to a random key of at least 32 bytes; the built-in one exists only in the 'local' profile.");
		}
		if (secret.getBytes(StandardCharsets.UTF_8).length < 32) {
			throw new UnsafeConfiguration("flashsale.pricing.quote-secret is shorter than 32 bytes.",
					"Set FLASHSALE_QUOTE_SECRET to a random key of at least 32 bytes.");
		}
		if (!local && BUILT_IN_SECRET.equals(secret)) {
			throw new UnsafeConfiguration(
					"flashsale.pricing.quote-secret is the built-in local key, published in this repository, and the 'local' profile is not active: anyone could sign quotes at any price.",
					"Set FLASHSALE_QUOTE_SECRET to a random key of at least 32 bytes.");
		}
		return new QuoteSigner(secret);
	}

	/** The signature of the canonical content, base64url without padding. */
	String sign(String canonical) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			byte[] digest = mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is unavailable", ex);
		}
	}

	/**
	 * Whether the signature is this key's over the content, compared in constant time.
	 */
	boolean matches(String canonical, String signature) {
		if (signature == null) {
			return false;
		}
		return MessageDigest.isEqual(sign(canonical).getBytes(StandardCharsets.US_ASCII),
				signature.getBytes(StandardCharsets.UTF_8));
	}

}
