package io.flashsale.payment.callback;

import java.time.Instant;

import io.flashsale.payment.PaymentProperties;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets applied callbacks' nonces after
 * {@code flashsale.payment.callback-nonce-retention}. Past it, a redelivery is no longer
 * recognised as one and its old timestamp makes it stale, so the retention must outlast
 * both the channels' retries (a day) and the timestamp window.
 */
@Component
class CallbackNoncePurge {

	private static final int BATCH = 1_000;

	private final CallbackNonces nonces;

	private final PaymentProperties properties;

	CallbackNoncePurge(CallbackNonces nonces, PaymentProperties properties) {
		this.nonces = nonces;
		this.properties = properties;
	}

	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
	void purge() {
		Instant before = Instant.now().minus(this.properties.callbackNonceRetention());
		while (this.nonces.purge(before, BATCH) == BATCH) {
			// Small batches keep each delete's locks short.
		}
	}

}
