package io.flashsale.payment.payments;

import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.contracts.Money;
import io.flashsale.payment.channel.ChannelRefused;
import io.flashsale.payment.channel.ChannelTrade;
import io.flashsale.payment.channel.ChannelUnavailable;
import io.flashsale.payment.channel.Channels;

import org.springframework.stereotype.Component;

/**
 * Brings a payment in line with what its channel says about the trade: the same
 * transitions a callback makes, for the paths that ask instead of being told (a stuck
 * PAYING payment, a read, a close that found the trade paid).
 */
@Component
public class PaymentRefresh {

	private static final Logger log = LoggerFactory.getLogger(PaymentRefresh.class);

	private final Channels channels;

	private final PaymentTransitions transitions;

	private final Counter mismatches;

	PaymentRefresh(Channels channels, PaymentTransitions transitions, MeterRegistry meters) {
		this.channels = channels;
		this.transitions = transitions;
		this.mismatches = Counter.builder("flashsale.payments.channel.mismatches")
			.description("Channel answers about a trade that contradict the ledger (amount or reference)")
			.register(meters);
	}

	/**
	 * Asks the channel about the payment's trade and applies the answer.
	 * @return whether the payment changed; false also when the channel did not answer
	 */
	public boolean refresh(Payment payment, String source) {
		if (payment.tradeNo() == null) {
			return false;
		}
		ChannelTrade trade;
		try {
			trade = this.channels.call(payment.channel(), (channel) -> channel.query(payment.tradeNo()));
		}
		catch (ChannelUnavailable | ChannelRefused ex) {
			log.debug("Could not query payment {} at {}: {}", payment.id(), payment.channel(), ex.toString());
			return false;
		}
		return apply(payment, trade, source);
	}

	/**
	 * Applies a channel's view of the payment's trade.
	 * @return whether the payment changed
	 */
	public boolean apply(Payment payment, ChannelTrade trade, String source) {
		switch (trade.state()) {
			case PAID -> {
				if (!payment.amount().equals(Money.of(trade.amountCents(), Money.CNY))
						|| (trade.merchantRef() != null && !trade.merchantRef().equals(payment.id()))) {
					this.mismatches.increment();
					log.error("Channel {} reports trade {} paid with {} cents for {}, ledger says {} cents for {}",
							payment.channel(), trade.tradeNo(), trade.amountCents(), trade.merchantRef(),
							payment.amountCents(), payment.id());
					return false;
				}
				return this.transitions.succeed(payment.id(), (trade.paidAt() != null) ? trade.paidAt() : Instant.now(),
						source);
			}
			case FAILED -> {
				return this.transitions.fail(payment.id(), "channel-failed", source);
			}
			case CLOSED -> {
				return this.transitions.close(payment.id(), source);
			}
			default -> {
				return false;
			}
		}
	}

}
