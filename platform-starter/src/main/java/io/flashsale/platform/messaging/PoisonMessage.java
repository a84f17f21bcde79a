package io.flashsale.platform.messaging;

/**
 * A record that can never be processed (unreadable, invalid). Thrown from a listener, it
 * is not retried: {@link DeadLetters#errorHandler} sends it straight to the dead-letter
 * topic with {@link #reason()} in a header.
 */
public class PoisonMessage extends RuntimeException {

	private final String reason;

	/**
	 * @param reason a short stable code, for example {@code unreadable} or
	 * {@code invalid-order}, used as the header value and the metric tag
	 * @param detail what was wrong, for the log and the exception header
	 */
	public PoisonMessage(String reason, String detail) {
		super(reason + ": " + detail);
		this.reason = reason;
	}

	public PoisonMessage(String reason, String detail, Throwable cause) {
		super(reason + ": " + detail, cause);
		this.reason = reason;
	}

	public String reason() {
		return this.reason;
	}

}
