package io.flashsale.loadtest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * One shopper's journey through the gateway: buy, wait for the order, pay at a channel,
 * cancel, and look at the order's payments. Each call is what the shop's app would make
 * with the shopper's token.
 */
public final class Shopper {

	private final Gateway gateway;

	private final String token;

	public Shopper(Gateway gateway, String token) {
		this.gateway = gateway;
		this.token = token;
	}

	/** {@code POST /api/orders}: 202 with the order id when the unit was reserved. */
	public Gateway.Answer buy(long saleId) {
		return this.gateway.post("/api/orders", this.token, UUID.randomUUID().toString(),
				"{\"flashSaleId\":" + saleId + ",\"quantity\":1}");
	}

	/**
	 * Polls {@code GET /api/orders/{id}} until the order's status is one of
	 * {@code statuses}.
	 * @return the order as last read
	 * @throws IllegalStateException when it does not get there within {@code timeout}
	 */
	public JsonNode awaitOrder(String orderId, Set<String> statuses, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		Gateway.Answer last = null;
		while (System.nanoTime() < deadline) {
			last = order(orderId);
			if (last.status() == 200 && statuses.contains(last.json().get("status").asString())) {
				return last.json();
			}
			pause(Duration.ofMillis(200));
		}
		throw new IllegalStateException("Order " + orderId + " did not reach " + statuses + " within " + timeout
				+ "; last answer " + ((last != null) ? last.status() + " " + last.body() : "none"));
	}

	public Gateway.Answer order(String orderId) {
		return this.gateway.get("/api/orders/" + orderId, this.token);
	}

	/** {@code POST /api/orders/{id}/cancel}. */
	public Gateway.Answer cancel(String orderId) {
		return this.gateway.post("/api/orders/" + orderId + "/cancel", this.token, null, "");
	}

	/**
	 * {@code POST /api/payments}: opens a payment of the order at a channel (routing
	 * picks one when {@code channel} is null).
	 */
	public Gateway.Answer startPayment(String orderId, String channel) {
		String body = (channel != null) ? "{\"orderId\":\"%s\",\"channel\":\"%s\"}".formatted(orderId, channel)
				: "{\"orderId\":\"%s\"}".formatted(orderId);
		return this.gateway.post("/api/payments", this.token, null, body);
	}

	/**
	 * The shopper confirms at the channel's page ({@code payUrl} from
	 * {@link #startPayment}); the channel then calls payment-service back.
	 */
	public Gateway.Answer confirmAtChannel(JsonNode payment) {
		return this.gateway.postTo(payment.get("payUrl").asString(), "{}");
	}

	/** Opens a payment and confirms it at the channel; the answer of the confirmation. */
	public Gateway.Answer pay(String orderId, String channel) {
		Gateway.Answer started = startPayment(orderId, channel);
		if (started.status() != 201 && started.status() != 200) {
			return started;
		}
		return confirmAtChannel(started.json());
	}

	/**
	 * {@code GET /api/payments?orderId=}: every payment of the order, with its status;
	 * empty when the shopper never paid it (payment-service answers 404 then).
	 */
	public List<JsonNode> payments(String orderId) {
		Gateway.Answer answer = this.gateway.get("/api/payments?orderId=" + orderId, this.token);
		if (answer.status() == 404 && answer.code().equals("payment-not-found")) {
			return List.of();
		}
		answer.expect(200, "payments of " + orderId);
		List<JsonNode> payments = new ArrayList<>();
		answer.json().forEach(payments::add);
		return payments;
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

}
