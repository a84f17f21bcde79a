package io.flashsale.payment.channel;

import java.util.Map;

import io.flashsale.payment.PaymentProperties;
import io.flashsale.platform.security.LocalProfile;
import io.flashsale.platform.security.UnsafeConfiguration;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Every channel's callback-signing secret is set, and outside the {@code local} profile
 * none is a placeholder published in this repository (they all end in {@code change-me}):
 * with a known secret anyone could forge a "paid" callback. Checked once at start; the
 * application refuses to start and says which variable to set.
 */
@Component
public class ChannelSecrets {

	ChannelSecrets(PaymentProperties properties, Environment environment) {
		refuseUnsafe(properties, LocalProfile.isActive(environment));
	}

	static void refuseUnsafe(PaymentProperties properties, boolean local) {
		for (Map.Entry<String, PaymentProperties.Channel> channel : properties.channels().entrySet()) {
			String secret = channel.getValue().secret();
			String variable = "FLASHSALE_PAYMENT_CHANNELS_" + channel.getKey().toUpperCase().replace('-', '_')
					+ "_SECRET";
			if (!StringUtils.hasText(secret)) {
				throw new UnsafeConfiguration(
						"Payment channel '" + channel.getKey()
								+ "' has no callback-signing secret (flashsale.payment.channels." + channel.getKey()
								+ ".secret).",
						"Set " + variable
								+ " (from a secret store, never config-repo); built-in secrets exist only in the '"
								+ LocalProfile.NAME + "' profile.");
			}
			if (!local && secret.endsWith("change-me")) {
				throw new UnsafeConfiguration(
						"Payment channel '" + channel.getKey()
								+ "' signs callbacks with the built-in secret, published in this repository, and the '"
								+ LocalProfile.NAME + "' profile is not active: anyone could forge its callbacks.",
						"Set " + variable + " to the channel's real secret.");
			}
		}
	}

}
