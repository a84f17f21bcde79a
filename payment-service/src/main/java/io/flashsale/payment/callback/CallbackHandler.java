package io.flashsale.payment.callback;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.contracts.Money;
import io.flashsale.payment.PaymentProperties;
import io.flashsale.payment.channel.CallbackNotice;
import io.flashsale.payment.channel.Channels;
import io.flashsale.payment.channel.InvalidCallback;
import io.flashsale.payment.channel.PaymentChannel;
import io.flashsale.payment.channel.TradeState;
import io.flashsale.payment.payments.Payment;
import io.flashsale.payment.payments.PaymentTransitions;
import io.flashsale.payment.payments.Payments;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks a callback and applies it, in this order: a known channel, the signature over
 * the raw bytes (constant-time), a readable body, then the nonce:
 * <ul>
 * <li>a nonce applied before with the same body (SHA-256 of the raw bytes) is an
 * identical redelivery: the channel did not get (or did not keep) our answer and retries,
 * for up to a day. It is answered with the channel's success acknowledgement and changes
 * nothing, whatever its timestamp's age;</li>
 * <li>a nonce applied before with another body is a replay: refused (409);</li>
 * <li>a new nonce goes on: the timestamp within
 * {@code flashsale.payment.callback-window}, a trade the ledger knows under this channel,
 * the same payment, order and amount.</li>
 * </ul>
 * Then the nonce is recorded and the payment moves in one database transaction: if the
 * change fails, the nonce is not kept and the channel's retry applies the notification. A
 * repeated "paid" under a new nonce for a payment already SUCCEEDED is acknowledged again
 * and changes nothing.
 */
@Component
class CallbackHandler {

	private static final Logger log = LoggerFactory.getLogger(CallbackHandler.class);

	private final Channels channels;

	private final Payments payments;

	private final PaymentTransitions transitions;

	private final CallbackNonces nonces;

	private final TransactionTemplate transactions;

	private final PaymentProperties properties;

	private final Clock clock;

	private final MeterRegistry meters;

	private final Map<String, Counter> rejected = new ConcurrentHashMap<>();

	private final Map<String, Counter> redelivered = new ConcurrentHashMap<>();

	CallbackHandler(Channels channels, Payments payments, PaymentTransitions transitions, CallbackNonces nonces,
			TransactionTemplate transactions, PaymentProperties properties, ObjectProvider<Clock> clock,
			MeterRegistry meters) {
		this.channels = channels;
		this.payments = payments;
		this.transitions = transitions;
		this.nonces = nonces;
		this.transactions = transactions;
		this.properties = properties;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
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
		String bodyHash = sha256Hex(body);
		// Before the timestamp check: a channel retrying an applied notification a day
		// later must get its success answer, or it keeps retrying.
		Optional<String> applied = this.nonces.bodyHash(channelName, notice.nonce());
		if (applied.isPresent()) {
			return redelivery(channel, applied.get(), bodyHash);
		}
		Duration window = this.properties.callbackWindow();
		Instant now = this.clock.instant();
		if (notice.timestamp().isBefore(now.minus(window)) || notice.timestamp().isAfter(now.plus(window))) {
			throw new CallbackRejected(HttpStatus.BAD_REQUEST, "stale",
					"The callback's timestamp is outside the accepted window.");
		}
		Payment payment = this.payments.findByTrade(channelName, notice.tradeNo())
			.orElseThrow(() -> new CallbackRejected(HttpStatus.NOT_FOUND, "unknown-trade",
					"No payment for trade " + notice.tradeNo() + "."));
		if (!payment.id().equals(notice.merchantRef()) || !payment.orderId().equals(notice.orderId())) {
			throw new CallbackRejected(HttpStatus.UNPROCESSABLE_CONTENT, "order-mismatch",
					"The callback's payment or order is not the trade's.");
		}
		if (!payment.amount().equals(Money.of(notice.amountCents(), Money.CNY))) {
			throw new CallbackRejected(HttpStatus.UNPROCESSABLE_CONTENT, "amount-mismatch",
					"The callback's amount is not the payment's.");
		}
		try {
			// One transaction: the nonce is kept only if the change it authorises
			// commits.
			this.transactions.executeWithoutResult((status) -> {
				this.nonces.record(channelName, notice.nonce(), bodyHash, payment.id(), now);
				if (notice.state() == TradeState.PAID) {
					this.transitions.succeed(payment.id(), (notice.paidAt() != null) ? notice.paidAt() : now,
							"callback");
				}
				else {
					this.transitions.fail(payment.id(), "channel-failed", "callback");
				}
			});
		}
		catch (DuplicateKeyException ex) {
			// A concurrent delivery of the same nonce committed first.
			return redelivery(channel, this.nonces.bodyHash(channelName, notice.nonce()).orElseThrow(() -> ex),
					bodyHash);
		}
		return channel.ack();
	}

	private PaymentChannel.CallbackAck redelivery(PaymentChannel channel, String appliedHash, String bodyHash) {
		if (!MessageDigest.isEqual(appliedHash.getBytes(StandardCharsets.US_ASCII),
				bodyHash.getBytes(StandardCharsets.US_ASCII))) {
			throw new CallbackRejected(HttpStatus.CONFLICT, "replayed",
					"The callback's nonce was used before for another notification.");
		}
		this.redelivered
			.computeIfAbsent(channel.name(),
					(key) -> Counter.builder("flashsale.payments.callbacks.redelivered")
						.description("Identical redeliveries of applied callbacks, acknowledged; nothing changed")
						.tag("channel", key)
						.register(this.meters))
			.increment();
		return channel.ack();
	}

	private static String sha256Hex(byte[] body) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
