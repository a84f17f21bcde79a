package io.flashsale.payment.channel;

/**
 * No usable answer from a channel: down, a 5xx, a timeout, or its circuit breaker is
 * open. Whether the call took effect at the channel is unknown, so callers repeat it only
 * where it is idempotent.
 */
public class ChannelUnavailable extends RuntimeException {

	private final String channel;

	public ChannelUnavailable(String channel, String message, Throwable cause) {
		super(message, cause);
		this.channel = channel;
	}

	public String channel() {
		return this.channel;
	}

}
