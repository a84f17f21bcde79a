package io.flashsale.payment.channel;

import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.payment.PaymentProperties;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Live tuning of {@code flashsale.payment.channels.<name>.enabled} and {@code .weight}:
 * {@link PaymentProperties} is a record, bound once, so on every environment change (a
 * switch refresh) the channels are bound again and handed to {@link Channels}. A change
 * that does not bind or breaks the limits (weight 0..1000) is refused and logged; the
 * previous settings stay.
 */
@Component
class ChannelSettingsRefresh {

	private static final Logger log = LoggerFactory.getLogger(ChannelSettingsRefresh.class);

	private final Environment environment;

	private final Channels channels;

	ChannelSettingsRefresh(Environment environment, Channels channels) {
		this.environment = environment;
		this.channels = channels;
	}

	@EventListener
	void changed(EnvironmentChangeEvent event) {
		Set<String> keys = event.getKeys();
		if (keys.stream().noneMatch((key) -> key.startsWith("flashsale.payment.channels"))) {
			return;
		}
		try {
			Map<String, PaymentProperties.Channel> settings = Binder.get(this.environment)
				.bindOrCreate("flashsale.payment", Bindable.of(PaymentProperties.class))
				.channels();
			settings.forEach((name, channel) -> {
				if (channel.weight() < 0 || channel.weight() > 1000) {
					throw new IllegalArgumentException("weight of " + name + " must be 0..1000: " + channel.weight());
				}
			});
			this.channels.retune(settings);
			log.info("Payment channels retuned: {}",
					settings.entrySet()
						.stream()
						.map((entry) -> entry.getKey() + " enabled=" + entry.getValue().enabled() + " weight="
								+ entry.getValue().weight())
						.toList());
		}
		catch (RuntimeException ex) {
			log.warn("Ignoring new payment channel settings; keeping the previous ones", ex);
		}
	}

}
