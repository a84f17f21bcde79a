package io.flashsale.paymentsandbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import io.flashsale.paymentsandbox.SandboxProperties.Behaviour;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.client.RestClient;

/**
 * Sends the callbacks the sandbox wallets owe, as a real wallet does: asynchronously, a
 * JSON body signed with the channel's secret, a fresh timestamp and nonce per delivery,
 * and again with exponential backoff until the merchant answers 2xx with the channel's
 * acknowledgement. The behaviour decides whether callbacks are lost and how many extra
 * copies of an acknowledged one are sent.
 */
class SandboxNotifier {

	private static final Logger log = LoggerFactory.getLogger(SandboxNotifier.class);

	private static final Duration LEASE = Duration.ofSeconds(30);

	private final SandboxNotifications notifications;

	private final SandboxTrades trades;

	private final SandboxBehaviours behaviours;

	private final SandboxProperties properties;

	private final Environment environment;

	private final JsonMapper json;

	private final RestClient http;

	SandboxNotifier(SandboxNotifications notifications, SandboxTrades trades, SandboxBehaviours behaviours,
			SandboxProperties properties, Environment environment, JsonMapper json, RestClient.Builder builder,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactories,
			ObjectProvider<HttpClientSettings> settings) {
		this.notifications = notifications;
		this.trades = trades;
		this.behaviours = behaviours;
		this.properties = properties;
		this.environment = environment;
		this.json = json;
		HttpClientSettings timeouts = settings.getIfAvailable(HttpClientSettings::defaults)
			.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(5));
		this.http = builder.clone()
			.requestFactory(requestFactories.getIfAvailable(ClientHttpRequestFactoryBuilder::detect).build(timeouts))
			.build();
	}

	@Scheduled(fixedDelayString = "${flashsale.payment.sandbox.notify-interval:500ms}")
	void deliverDue() {
		try {
			Instant now = Instant.now();
			for (SandboxNotification due : this.notifications.due(now, 50)) {
				if (this.notifications.claim(due.id(), due.attempts(), now, now.plus(LEASE)) == 1) {
					deliver(due);
				}
			}
		}
		catch (RuntimeException ex) {
			log.warn("Sandbox callback round failed; the next one retries", ex);
		}
	}

	private void deliver(SandboxNotification notification) {
		Behaviour behaviour = this.behaviours.of(notification.channel());
		if (behaviour.dropCallbacks()) {
			this.notifications.drop(notification.id());
			log.info("Sandbox {} lost the callback of trade {} (dropCallbacks)", notification.channel(),
					notification.tradeNo());
			return;
		}
		SandboxTrade trade = this.trades.find(notification.channel(), notification.tradeNo()).orElse(null);
		if (trade == null) {
			this.notifications.finish(notification.id(), "GAVE_UP", Instant.now());
			return;
		}
		String failure = send(trade);
		if (failure == null) {
			this.notifications.finish(notification.id(), "ACKED", Instant.now());
			for (int copy = 0; copy < behaviour.duplicateDeliveries(); copy++) {
				send(trade);
			}
			return;
		}
		Duration wait = backoff(notification.attempts());
		this.notifications.retryLater(notification.id(), Instant.now().plus(wait), failure,
				this.properties.maxAttempts());
		log.info("Sandbox {} callback of trade {} not acknowledged ({}); next attempt in {}", trade.channel(),
				trade.tradeNo(), failure, wait);
	}

	/**
	 * @return null when acknowledged, else what went wrong
	 */
	private String send(SandboxTrade trade) {
		Wallet wallet = Wallet.of(trade.channel());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("tradeNo", trade.tradeNo());
		body.put("merchantRef", trade.merchantRef());
		body.put("orderId", trade.orderId());
		body.put("amountCents", trade.amountCents());
		body.put("status", wallet.statusWord(trade.status()));
		body.put("paidAt", (trade.paidAt() != null) ? trade.paidAt().toString() : null);
		body.put("timestamp", Instant.now().getEpochSecond());
		body.put("nonce", UUID.randomUUID().toString().replace("-", ""));
		byte[] bytes = this.json.writeValueAsBytes(body);
		String secret = this.environment
			.getRequiredProperty("flashsale.payment.channels." + wallet.channel() + ".secret");
		try {
			return this.http.post()
				.uri(callbackBase() + "/api/payments/callbacks/{channel}", trade.channel())
				.contentType(MediaType.APPLICATION_JSON)
				.header(CallbackSignature.HEADER, CallbackSignature.of(secret, bytes))
				.body(bytes)
				.exchange((request, response) -> {
					String answer = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
					if (response.getStatusCode().is2xxSuccessful() && wallet.ackBody().equals(answer.strip())) {
						return null;
					}
					return "answered " + response.getStatusCode().value();
				});
		}
		catch (RuntimeException ex) {
			return "unreachable: " + ex.getClass().getSimpleName();
		}
	}

	private Duration backoff(int attemptsBefore) {
		Duration wait = this.properties.retryInitial().multipliedBy(1L << Math.min(attemptsBefore, 20));
		Duration max = this.properties.retryMax();
		return (wait.compareTo(max) > 0) ? max : wait;
	}

	private String callbackBase() {
		if (this.properties.callbackBaseUrl() != null) {
			String base = this.properties.callbackBaseUrl().toString();
			return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
		}
		return "http://127.0.0.1:" + this.environment.getProperty("local.server.port",
				this.environment.getProperty("server.port", "8080"));
	}

}
