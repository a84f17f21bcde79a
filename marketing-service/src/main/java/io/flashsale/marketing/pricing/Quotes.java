package io.flashsale.marketing.pricing;

import java.time.Instant;
import java.util.Objects;

/**
 * Checks a {@link Quote} the way the checkout will before honouring it: signed by this
 * platform's quote key, made for the shopper presenting it, and not expired. Whether the
 * checkout calls it in process or over HTTP is the checkout's decision; the quote carries
 * everything needed.
 */
public final class Quotes {

	private final QuoteSigner signer;

	Quotes(QuoteSigner signer) {
		this.signer = signer;
	}

	/**
	 * @param quote the quote as the shopper presents it
	 * @param userId the shopper presenting it, from their token
	 * @param at the instant it is presented
	 * @return {@link Verdict#VALID} only when every check passes, else the first failed
	 */
	public Verdict verify(Quote quote, String userId, Instant at) {
		Objects.requireNonNull(at, "at");
		if (quote == null || !this.signer.matches(quote.canonical(), quote.signature())) {
			return Verdict.TAMPERED;
		}
		if (!Objects.equals(quote.userId(), userId)) {
			return Verdict.NOT_YOURS;
		}
		if (quote.expiresAt() == null || !at.isBefore(quote.expiresAt())) {
			return Verdict.EXPIRED;
		}
		return Verdict.VALID;
	}

	Quote sign(Quote unsigned) {
		return unsigned.signedWith(this.signer.sign(unsigned.canonical()));
	}

	/** What {@link #verify} found. */
	public enum Verdict {

		/** Signed here, for this shopper, not expired: honour it. */
		VALID,

		/** Not signed with the quote key, or changed since: never honour it. */
		TAMPERED,

		/** Signed here for another shopper. */
		NOT_YOURS,

		/** Signed here, but its time is up: ask for a new quote. */
		EXPIRED

	}

}
