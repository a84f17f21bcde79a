package io.flashsale.payment.refund;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.payment.channel.ChannelRefused;
import io.flashsale.payment.channel.ChannelTrade;
import io.flashsale.payment.channel.ChannelUnavailable;
import io.flashsale.payment.channel.Channels;
import io.flashsale.payment.channel.PaymentChannel;
import io.flashsale.payment.payments.Payment;
import io.flashsale.payment.payments.PaymentRefresh;
import io.flashsale.payment.payments.PaymentStatus;
import io.flashsale.payment.payments.PaymentTransitions;
import io.flashsale.payment.payments.Payments;
import io.flashsale.platform.messaging.ProcessedMessages;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Returns money the shop must not keep, and closes payments nobody may make any more.
 *
 * <p>
 * A refund is two transactions around the channel call: SUCCEEDED -> REFUNDING (with the
 * message's processed mark, so a redelivery does nothing), then the channel's refund
 * (idempotent by refund id, which is the payment id), then REFUNDING -> REFUNDED with
 * {@code PaymentRefunded}. A channel call that fails leaves the payment REFUNDING, and
 * {@link RefundRetry} repeats it.
 */
@Service
class Refunds {

	static final String CONSUMER = "payment-service.orders";

	private static final Logger log = LoggerFactory.getLogger(Refunds.class);

	private final Payments payments;

	private final PaymentTransitions transitions;

	private final PaymentRefresh refresh;

	private final Channels channels;

	private final ProcessedMessages processed;

	private final TransactionTemplate transactions;

	Refunds(Payments payments, PaymentTransitions transitions, PaymentRefresh refresh, Channels channels,
			ProcessedMessages processed, TransactionTemplate transactions) {
		this.payments = payments;
		this.transitions = transitions;
		this.refresh = refresh;
		this.channels = channels;
		this.processed = processed;
		this.transactions = transactions;
	}

	/**
	 * order-service refused a successful payment: refund it.
	 * @param messageId the event id, marked processed with the first step
	 */
	void refundRejected(String messageId, String paymentId, String reason) {
		Boolean first = this.transactions.execute((status) -> {
			if (this.processed.markProcessed(CONSUMER, messageId) == 0) {
				return false;
			}
			if (!this.transitions.startRefund(paymentId, reason, paymentId)) {
				log.info("Payment {} refused ({}) is not SUCCEEDED; nothing to refund now", paymentId, reason);
			}
			return true;
		});
		if (Boolean.TRUE.equals(first)) {
			this.payments.find(paymentId).filter((p) -> p.status() == PaymentStatus.REFUNDING).ifPresent(this::finish);
		}
	}

	/**
	 * Asks the channel to return a REFUNDING payment's money and records the outcome.
	 * @return whether the payment is now REFUNDED
	 */
	boolean finish(Payment payment) {
		PaymentChannel.Refund refund;
		try {
			refund = this.channels.call(payment.channel(),
					(channel) -> channel.refund(payment.tradeNo(), payment.amountCents(), payment.refundId()));
		}
		catch (ChannelUnavailable ex) {
			log.warn("Refund of payment {} at {} failed; it stays REFUNDING and is retried: {}", payment.id(),
					payment.channel(), ex.toString());
			return false;
		}
		catch (ChannelRefused ex) {
			log.error("Channel {} refused to refund payment {}; it stays REFUNDING for an operator: {}",
					payment.channel(), payment.id(), ex.getMessage());
			return false;
		}
		return this.transitions.refunded(payment.id(), refund.refundedAt());
	}

	/**
	 * An order was cancelled: its open payments close, here and at the channel. A trade
	 * the channel reports paid (the shopper paid just before) moves to SUCCEEDED instead,
	 * and order-service then refuses it, which refunds it.
	 */
	void closeForCancelledOrder(String messageId, String orderId) {
		List<Payment> open = this.transactions.execute((status) -> {
			if (this.processed.markProcessed(CONSUMER, messageId) == 0) {
				return List.<Payment>of();
			}
			return this.payments.findByOrder(orderId)
				.stream()
				.filter((payment) -> payment.status().open())
				.filter((payment) -> this.transitions.close(payment.id(), "order-cancelled"))
				.toList();
		});
		for (Payment payment : (open != null) ? open : List.<Payment>of()) {
			if (payment.tradeNo() == null) {
				continue;
			}
			try {
				ChannelTrade trade = this.channels.call(payment.channel(),
						(channel) -> channel.close(payment.tradeNo()));
				this.refresh.apply(this.payments.find(payment.id()).orElse(payment), trade, "order-cancelled");
			}
			catch (ChannelUnavailable | ChannelRefused ex) {
				// A trade left open at the channel that is paid later reports itself by
				// callback; the CLOSED payment then becomes SUCCEEDED and is refunded.
				log.warn("Could not close trade {} of payment {} at {}: {}", payment.tradeNo(), payment.id(),
						payment.channel(), ex.toString());
			}
		}
	}

}
