package io.flashsale.payment.refund;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.payment.PaymentProperties;
import io.flashsale.payment.payments.Payment;
import io.flashsale.payment.payments.PaymentStatus;
import io.flashsale.payment.payments.Payments;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Repeats the channel call of refunds left REFUNDING (the channel was down), every
 * {@code flashsale.payment.refund-retry-interval}. The channel's refund is idempotent by
 * refund id, so repeating one that did go through is harmless.
 */
@Component
class RefundRetry {

	private static final Logger log = LoggerFactory.getLogger(RefundRetry.class);

	private final Payments payments;

	private final Refunds refunds;

	private final PaymentProperties properties;

	RefundRetry(Payments payments, Refunds refunds, PaymentProperties properties) {
		this.payments = payments;
		this.refunds = refunds;
		this.properties = properties;
	}

	@Scheduled(fixedDelayString = "${flashsale.payment.refund-retry-interval:30s}",
			initialDelayString = "${flashsale.payment.refund-retry-interval:30s}")
	void retry() {
		try {
			for (Payment payment : this.payments.findInStatusSince(PaymentStatus.REFUNDING,
					Instant.now().minus(this.properties.refundRetryInterval()), 100)) {
				this.refunds.finish(payment);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Refund retry failed; the next round retries", ex);
		}
	}

}
