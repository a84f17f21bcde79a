package io.flashsale.platform.degrade;

import java.util.List;

/**
 * The live switches of each payment channel
 * ({@code flashsale.payment.channels.<channel>.enabled} and {@code .weight}), read by
 * payment-service only. Like {@link Switch}, the one definition the config server's
 * catalog and the config-repo check are built from, once per channel in
 * {@link #CHANNELS}.
 */
public enum PaymentChannelSwitch {

	/** Whether the channel takes new payments. */
	ENABLED("enabled", SwitchType.BOOLEAN, null, true, "Payment channel %s takes new payments; off: routing skips it."),

	/** The channel's routing weight. */
	WEIGHT("weight", SwitchType.NUMBER, 0L, 1L,
			"Routing weight of payment channel %s among the enabled, healthy channels.");

	/** The payment channels that exist. */
	public static final List<String> CHANNELS = List.of("sandpay", "quickwallet");

	/** The one application that reads these switches. */
	public static final String APPLICATION = Switch.Applications.PAYMENT;

	private final String name;

	private final SwitchType type;

	private final Long min;

	private final Object defaultValue;

	private final String description;

	PaymentChannelSwitch(String name, SwitchType type, Long min, Object defaultValue, String description) {
		this.name = name;
		this.type = type;
		this.min = min;
		this.defaultValue = defaultValue;
		this.description = description;
	}

	/**
	 * The configuration property for one channel.
	 * @param channel the channel, such as {@code sandpay}
	 * @return the key
	 */
	public String key(String channel) {
		return "flashsale.payment.channels." + channel + "." + this.name;
	}

	public SwitchType type() {
		return this.type;
	}

	/**
	 * The smallest accepted number.
	 * @return it; {@code null} for other types
	 */
	public Long min() {
		return this.min;
	}

	/**
	 * The value payment-service uses when nothing sets it.
	 * @return a {@link Boolean} or a {@link Long}
	 */
	public Object defaultValue() {
		return this.defaultValue;
	}

	/**
	 * What the switch does for one channel, for ops.
	 * @param channel the channel
	 * @return the description
	 */
	public String description(String channel) {
		return this.description.formatted(channel);
	}

}
