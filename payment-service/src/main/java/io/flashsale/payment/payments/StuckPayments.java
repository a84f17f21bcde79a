package io.flashsale.payment.payments;

import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.payment.PaymentProperties;
import io.flashsale.payment.channel.ChannelRefused;
import io.flashsale.payment.channel.ChannelUnavailable;
import io.flashsale.payment.channel.Channels;
import io.flashsale.payment.channel.PaymentChannel;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Resolves payments stuck in PAYING (a lost or late callback) by asking their channel:
 * every {@code flashsale.payment.stuck-interval}, each payment PAYING for longer than
 * {@code flashsale.payment.stuck-after} is queried and moved as a callback would move it.
 * A payment left CREATED that long (the process stopped between recording it and the
 * channel's answer) is opened again: opening is idempotent by payment id at the channel,
 * so it gets its trade, or fails and frees the order's slot. Several instances may sweep
 * at once: the transitions are compare-and-set.
 */
@Component
class StuckPayments {

	private static final Logger log = LoggerFactory.getLogger(StuckPayments.class);

	private static final int BATCH = 100;

	private final Payments payments;

	private final PaymentRefresh refresh;

	private final PaymentProperties properties;

	private final Channels channels;

	private final PaymentTransitions transitions;

	StuckPayments(Payments payments, PaymentRefresh refresh, PaymentProperties properties, Channels channels,
			PaymentTransitions transitions) {
		this.payments = payments;
		this.refresh = refresh;
		this.properties = properties;
		this.channels = channels;
		this.transitions = transitions;
	}

	@Scheduled(fixedDelayString = "${flashsale.payment.stuck-interval:10s}",
			initialDelayString = "${flashsale.payment.stuck-interval:10s}")
	void sweep() {
		try {
			Instant before = Instant.now().minus(this.properties.stuckAfter());
			for (Payment unopened : this.payments.findInStatusSince(PaymentStatus.CREATED, before, BATCH)) {
				reopen(unopened);
			}
			List<Payment> stuck = this.payments.findInStatusSince(PaymentStatus.PAYING, before, BATCH);
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

	private void reopen(Payment payment) {
		try {
			PaymentChannel.OpenedTrade trade = this.channels.call(payment.channel(), (channel) -> channel
				.open(new PaymentChannel.Charge(payment.id(), payment.orderId(), payment.amountCents())));
			this.transitions.opened(payment.id(), trade.tradeNo(), trade.payUrl());
		}
		catch (ChannelUnavailable | ChannelRefused ex) {
			this.transitions.fail(payment.id(),
					(ex instanceof ChannelUnavailable) ? "channel-unavailable" : "channel-refused", "query");
		}
	}

}
