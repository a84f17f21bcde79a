package io.flashsale.payment.callback;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.payment.PaymentProperties;
import io.flashsale.payment.channel.CallbackNotice;
import io.flashsale.payment.channel.Channels;
import io.flashsale.payment.channel.InvalidCallback;
import io.flashsale.payment.channel.PaymentChannel;
import io.flashsale.payment.channel.TradeState;
import io.flashsale.payment.payments.Payment;
import io.flashsale.payment.payments.PaymentTransitions;
import io.flashsale.payment.payments.Payments;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Checks a callback and applies it, in this order: a known channel, the signature over
 * the raw bytes (constant-time), a readable body, the timestamp within
 * {@code flashsale.payment.callback-window}, a nonce not seen before (Redis
 * {@code SET NX EX} for twice the window, so a replay inside the window is caught), a
 * trade the ledger knows under this channel, the same payment, order and amount. Only
 * then does the payment move, once: a repeated "paid" for a payment already SUCCEEDED is
 * acknowledged again and changes nothing.
 */
@Component
class CallbackHandler {

	private static final Logger log = LoggerFactory.getLogger(CallbackHandler.class);

	private final Channels channels;

	private final Payments payments;

	private final PaymentTransitions transitions;

	private final StringRedisTemplate redis;

	private final PaymentProperties properties;

	private final MeterRegistry meters;

	private final Map<String, Counter> rejected = new ConcurrentHashMap<>();

	CallbackHandler(Channels channels, Payments payments, PaymentTransitions transitions, StringRedisTemplate redis,
			PaymentProperties properties, MeterRegistry meters) {
		this.channels = channels;
		this.payments = payments;
		this.transitions = transitions;
		this.redis = redis;
		this.properties = properties;
		this.meters = meters;
	}

	/**
	 * @return the acknowledgement the channel expects
	 * @throws CallbackRejected when the callback is not applied (nothing changed)
	 */
	PaymentChannel.CallbackAck handle(String channelName, HttpHeaders headers, byte[] body) {
		try {
			return apply(channelName, headers, body);
		}
		catch (CallbackRejected ex) {
			String tag = this.channels.names().contains(channelName) ? channelName : "unknown";
			this.rejected
				.computeIfAbsent(tag + '|' + ex.reason(),
						(key) -> Counter.builder("flashsale.payments.callbacks.rejected")
							.description("Callbacks refused, by channel and reason; nothing changed")
							.tag("channel", tag)
							.tag("reason", ex.reason())
							.register(this.meters))
				.increment();
			log.warn("Rejected a {} callback ({}): {}", tag, ex.reason(), ex.getMessage());
			throw ex;
		}
	}

	private PaymentChannel.CallbackAck apply(String channelName, HttpHeaders headers, byte[] body) {
		if (!this.channels.names().contains(channelName)) {
			throw new CallbackRejected(HttpStatus.NOT_FOUND, "unknown-channel", "No channel " + channelName + ".");
		}
		PaymentChannel channel = this.channels.get(channelName);
		CallbackNotice notice;
		try {
			notice = channel.verify(headers, body);
		}
		catch (InvalidCallback ex) {
			HttpStatus status = InvalidCallback.SIGNATURE.equals(ex.reason()) ? HttpStatus.UNAUTHORIZED
					: HttpStatus.BAD_REQUEST;
			throw new CallbackRejected(status, ex.reason(),
					"The callback is not a valid signed " + channelName + " notification.");
		}
		Duration window = this.properties.callbackWindow();
		Instant now = Instant.now();
		if (notice.timestamp().isBefore(now.minus(window)) || notice.timestamp().isAfter(now.plus(window))) {
			throw new CallbackRejected(HttpStatus.BAD_REQUEST, "stale",
					"The callback's timestamp is outside the accepted window.");
		}
		Boolean fresh = this.redis.opsForValue()
			.setIfAbsent("pay:nonce:" + channelName + ":" + notice.nonce(), "1", window.multipliedBy(2));
		if (!Boolean.TRUE.equals(fresh)) {
			throw new CallbackRejected(HttpStatus.CONFLICT, "replayed", "The callback's nonce was seen before.");
		}
		Payment payment = this.payments.findByTrade(channelName, notice.tradeNo())
			.orElseThrow(() -> new CallbackRejected(HttpStatus.NOT_FOUND, "unknown-trade",
					"No payment for trade " + notice.tradeNo() + "."));
		if (!payment.id().equals(notice.merchantRef()) || !payment.orderId().equals(notice.orderId())) {
			throw new CallbackRejected(HttpStatus.UNPROCESSABLE_CONTENT, "order-mismatch",
					"The callback's payment or order is not the trade's.");
		}
		if (payment.amountCents() != notice.amountCents()) {
			throw new CallbackRejected(HttpStatus.UNPROCESSABLE_CONTENT, "amount-mismatch",
					"The callback's amount is not the payment's.");
		}
		if (notice.state() == TradeState.PAID) {
			this.transitions.succeed(payment.id(), (notice.paidAt() != null) ? notice.paidAt() : now, "callback");
		}
		else {
			this.transitions.fail(payment.id(), "channel-failed", "callback");
		}
		return channel.ack();
	}

}
