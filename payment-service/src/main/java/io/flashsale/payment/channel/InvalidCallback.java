package io.flashsale.payment.channel;

/**
 * A callback that did not come from the channel or cannot be read. The reason is a metric
 * tag, so it is one of a few fixed words.
 */
public class InvalidCallback extends RuntimeException {

	/** The signature is missing or does not match the body. */
	public static final String SIGNATURE = "signature";

	/** The body is not a callback of this channel. */
	public static final String MALFORMED = "malformed";

	private final String reason;

	public InvalidCallback(String reason) {
		super(reason, null, false, false);
		this.reason = reason;
	}

	public String reason() {
		return this.reason;
	}

}
