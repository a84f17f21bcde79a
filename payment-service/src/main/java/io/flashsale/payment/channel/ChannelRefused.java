package io.flashsale.payment.channel;

/**
 * The channel answered and refused: for example a refund of a trade it does not hold as
 * paid. Repeating the call gets the same answer; it says nothing about the channel's
 * health.
 */
public class ChannelRefused extends RuntimeException {

	public ChannelRefused(String message) {
		super(message);
	}

}
