package io.flashsale.payment.payments;

import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.payment.PaymentProperties;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Resolves payments stuck in PAYING (a lost or late callback) by asking their channel:
 * every {@code flashsale.payment.stuck-interval}, each payment PAYING for longer than
 * {@code flashsale.payment.stuck-after} is queried and moved as a callback would move it.
 * Several instances may sweep at once: the transitions are compare-and-set.
 */
@Component
class StuckPayments {

	private static final Logger log = LoggerFactory.getLogger(StuckPayments.class);

	private static final int BATCH = 100;

	private final Payments payments;

	private final PaymentRefresh refresh;

	private final PaymentProperties properties;

	StuckPayments(Payments payments, PaymentRefresh refresh, PaymentProperties properties) {
		this.payments = payments;
		this.refresh = refresh;
		this.properties = properties;
	}

	@Scheduled(fixedDelayString = "${flashsale.payment.stuck-interval:10s}",
			initialDelayString = "${flashsale.payment.stuck-interval:10s}")
	void sweep() {
		try {
			List<Payment> stuck = this.payments.findInStatusSince(PaymentStatus.PAYING,
					Instant.now().minus(this.properties.stuckAfter()), BATCH);
			int resolved = 0;
			for (Payment payment : stuck) {
				if (this.refresh.refresh(payment, "query")) {
					resolved++;
				}
			}
			if (resolved > 0) {
				log.info("Resolved {} of {} payments stuck in PAYING by asking their channel", resolved, stuck.size());
			}
		}
		catch (RuntimeException ex) {
			log.warn("Stuck-payment sweep failed; the next one retries", ex);
		}
	}

}
