package io.flashsale.payment.channel;

import io.flashsale.payment.PaymentProperties;
import io.flashsale.platform.security.UnsafeConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * payment-service's channel secrets at start: the built-in ones only in the {@code local}
 * profile, and none missing anywhere.
 */
class ChannelSecretsTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(Properties.class, ChannelSecrets.class);

	@Test
	void refusesToStartOnTheBuiltInChannelSecretsOutsideTheLocalProfile() {
		this.runner
			.withPropertyValues("flashsale.payment.channels.sandpay.secret=sandpay-local-secret-change-me",
					"flashsale.payment.channels.quickwallet.secret=quickwallet-local-secret-change-me")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(UnsafeConfiguration.class)
				.hasMessageContaining("built-in secret")
				.hasMessageContaining("FLASHSALE_PAYMENT_CHANNELS_"));
	}

	@Test
	void refusesToStartWithoutAChannelSecret() {
		this.runner.withPropertyValues("flashsale.payment.channels.sandpay.secret=a-real-sandpay-secret")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(UnsafeConfiguration.class)
				.hasMessageContaining("'quickwallet' has no callback-signing secret")
				.hasMessageContaining("FLASHSALE_PAYMENT_CHANNELS_QUICKWALLET_SECRET"));
	}

	@Test
	void startsOnTheBuiltInChannelSecretsInTheLocalProfile() {
		this.runner
			.withPropertyValues("spring.profiles.active=local",
					"flashsale.payment.channels.sandpay.secret=sandpay-local-secret-change-me",
					"flashsale.payment.channels.quickwallet.secret=quickwallet-local-secret-change-me")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void startsOnExplicitChannelSecrets() {
		this.runner
			.withPropertyValues("flashsale.payment.channels.sandpay.secret=a-real-sandpay-secret",
					"flashsale.payment.channels.quickwallet.secret=a-real-quickwallet-secret")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(PaymentProperties.class)
	static class Properties {

	}

}
