package io.flashsale.payment.channel;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * The client of a sandbox wallet's merchant API, over HTTP like any real channel, so a
 * wallet that is down really fails the call. Callbacks are JSON signed with HMAC-SHA256
 * in {@link Signatures#HEADER}; the dialect decides the status words and the ack.
 */
class SandboxWallet implements PaymentChannel {

	private final String name;

	private final SandboxDialect dialect;

	private final String secret;

	private final Supplier<String> baseUrl;

	private final RestClient http;

	private final JsonMapper json;

	SandboxWallet(String name, String secret, Supplier<String> baseUrl, RestClient http, JsonMapper json) {
		this.name = name;
		this.dialect = SandboxDialect.of(name);
		this.secret = secret;
		this.baseUrl = baseUrl;
		this.http = http;
		this.json = json;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public OpenedTrade open(Charge charge) {
		Trade trade = call(() -> this.http.post()
			.uri(this.baseUrl.get() + "/trades")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("merchantRef", charge.paymentId(), "orderId", charge.orderId(), "amountCents",
					charge.amountCents()))
			.retrieve()
			.body(Trade.class));
		return new OpenedTrade(trade.tradeNo(), trade.payUrl());
	}

	@Override
	public ChannelTrade query(String tradeNo) {
		try {
			return call(() -> this.http.get()
				.uri(this.baseUrl.get() + "/trades/{tradeNo}", tradeNo)
				.retrieve()
				.body(Trade.class)).toChannelTrade();
		}
		catch (TradeNotFound ex) {
			return ChannelTrade.unknown(tradeNo);
		}
	}

	@Override
	public ChannelTrade close(String tradeNo) {
		try {
			return call(() -> this.http.post()
				.uri(this.baseUrl.get() + "/trades/{tradeNo}/close", tradeNo)
				.retrieve()
				.body(Trade.class)).toChannelTrade();
		}
		catch (TradeNotFound ex) {
			return ChannelTrade.unknown(tradeNo);
		}
	}

	@Override
	public Refund refund(String tradeNo, long amountCents, String refundId) {
		Trade trade = call(() -> this.http.post()
			.uri(this.baseUrl.get() + "/trades/{tradeNo}/refund", tradeNo)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("refundId", refundId, "amountCents", amountCents))
			.retrieve()
			.body(Trade.class));
		return new Refund(refundId, (trade.refundedAt() != null) ? trade.refundedAt() : Instant.now());
	}

	@Override
	public List<StatementLine> statement(Instant from, Instant to) {
		Statement statement = call(() -> this.http.get()
			.uri(this.baseUrl.get() + "/statement?from={from}&to={to}", from, to)
			.retrieve()
			.body(Statement.class));
		return statement.trades()
			.stream()
			.map((trade) -> new StatementLine(trade.tradeNo(), trade.merchantRef(), trade.orderId(),
					trade.amountCents(), trade.state(), trade.createdAt(), trade.paidAt()))
			.toList();
	}

	@Override
	public CallbackNotice verify(HttpHeaders headers, byte[] body) {
		if (!Signatures.matches(this.secret, body, headers.getFirst(Signatures.HEADER))) {
			throw new InvalidCallback(InvalidCallback.SIGNATURE);
		}
		Notification notification;
		try {
			notification = this.json.readValue(body, Notification.class);
		}
		catch (RuntimeException ex) {
			throw new InvalidCallback(InvalidCallback.MALFORMED);
		}
		TradeState state = this.dialect.stateOf(notification.status());
		if (state == null || notification.tradeNo() == null || notification.merchantRef() == null
				|| notification.orderId() == null || notification.amountCents() == null
				|| notification.timestamp() == null || notification.nonce() == null || notification.nonce().isBlank()
				|| notification.nonce().length() > 64) {
			throw new InvalidCallback(InvalidCallback.MALFORMED);
		}
		return new CallbackNotice(notification.tradeNo(), notification.merchantRef(), notification.orderId(),
				notification.amountCents(), state, notification.paidAt(),
				Instant.ofEpochSecond(notification.timestamp()), notification.nonce());
	}

	@Override
	public CallbackAck ack() {
		return new CallbackAck(this.dialect.ackContentType(), this.dialect.ackBody());
	}

	private <T> T call(Supplier<T> exchange) {
		T answer;
		try {
			answer = exchange.get();
		}
		catch (RestClientResponseException ex) {
			if (ex.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)) {
				throw new TradeNotFound();
			}
			if (ex.getStatusCode().is4xxClientError()) {
				throw new ChannelRefused(this.name + " refused: " + ex.getStatusCode());
			}
			throw new ChannelUnavailable(this.name, this.name + " answered " + ex.getStatusCode(), ex);
		}
		catch (RestClientException ex) {
			throw new ChannelUnavailable(this.name, this.name + " did not answer", ex);
		}
		if (answer == null) {
			throw new ChannelUnavailable(this.name, this.name + " sent an empty answer", null);
		}
		return answer;
	}

	/** A 404 from the wallet: no such trade. */
	private static final class TradeNotFound extends RuntimeException {

		TradeNotFound() {
			super(null, null, false, false);
		}

	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Trade(String tradeNo, String merchantRef, String orderId, long amountCents, TradeState status, String payUrl,
			Instant createdAt, Instant paidAt, Instant refundedAt) {

		TradeState state() {
			return (this.status != null) ? this.status : TradeState.UNKNOWN;
		}

		ChannelTrade toChannelTrade() {
			return new ChannelTrade(this.tradeNo, this.merchantRef, this.orderId, this.amountCents, state(),
					this.paidAt);
		}

	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Statement(List<Trade> trades) {

		Statement {
			trades = (trades != null) ? trades : List.of();
		}

	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Notification(String tradeNo, String merchantRef, String orderId, Long amountCents, String status,
			Instant paidAt, Long timestamp, String nonce) {

	}

}
