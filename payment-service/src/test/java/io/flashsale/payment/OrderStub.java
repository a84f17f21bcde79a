package io.flashsale.payment;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.flashsale.testsupport.ServiceStub;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * A contract stub of order-service's {@code GET /api/orders/{id}}: a real HTTP server on
 * a random loopback port that answers an order to its owner (the bearer token's subject)
 * and 404 to anyone else or for an unknown id, as order-service does. It records the
 * Authorization header of every call.
 */
public final class OrderStub extends ServiceStub {

	private static final Pattern PATH = Pattern.compile("/api/orders/([^/]+)");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final AtomicLong SALES = new AtomicLong(9_000);

	private final Map<String, StubOrder> orders = new ConcurrentHashMap<>();

	private final List<String> authorizations = new CopyOnWriteArrayList<>();

	private volatile boolean down;

	private OrderStub() {
		start();
	}

	public static OrderStub started() {
		return new OrderStub();
	}

	/** A new PENDING_PAYMENT order of {@code userId} owing {@code totalCents}. */
	public String order(String userId, long totalCents) {
		String orderId = SALES.incrementAndGet() + "-" + UUID.randomUUID().toString().replace("-", "");
		this.orders.put(orderId, new StubOrder(orderId, userId, "PENDING_PAYMENT", totalCents));
		return orderId;
	}

	public void status(String orderId, String status) {
		this.orders.computeIfPresent(orderId,
				(id, order) -> new StubOrder(id, order.userId(), status, order.totalCents()));
	}

	/** Answers 503 to everything while down. */
	public void down(boolean down) {
		this.down = down;
	}

	public List<String> authorizations() {
		return List.copyOf(this.authorizations);
	}

	@Override
	protected void answer(HttpExchange exchange) throws IOException {
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		this.authorizations.add(String.valueOf(authorization));
		pause();
		if (this.down) {
			respond(exchange, 503, problem(503, "service-unavailable"));
			return;
		}
		Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
		if (!path.matches() || !"GET".equals(exchange.getRequestMethod())) {
			respond(exchange, 404, problem(404, "not-found"));
			return;
		}
		String subject = subjectOf(authorization);
		if (subject == null) {
			respond(exchange, 401, problem(401, "unauthorized"));
			return;
		}
		StubOrder order = this.orders.get(path.group(1));
		if (order == null || !order.userId().equals(subject)) {
			respond(exchange, 404, problem(404, "order-not-found"));
			return;
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("orderId", order.orderId());
		body.put("status", order.status());
		body.put("flashSaleId", Long.parseLong(order.orderId().substring(0, order.orderId().indexOf('-'))));
		body.put("quantity", 1);
		body.put("unitPriceCents", order.totalCents());
		body.put("totalCents", order.totalCents());
		body.put("payDeadline", Instant.now().plus(15, ChronoUnit.MINUTES).toString());
		body.put("createdAt", Instant.now().toString());
		respond(exchange, 200, JSON.writeValueAsString(body));
	}

	/**
	 * The JWT's subject, unverified: this stub plays order-service's answer, not its
	 * security.
	 */
	private static String subjectOf(String authorization) {
		if (authorization == null || !authorization.startsWith("Bearer ")) {
			return null;
		}
		String[] parts = authorization.substring(7).split("\\.");
		if (parts.length != 3) {
			return null;
		}
		JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
		return claims.path("sub").asString(null);
	}

	private static String problem(int status, String code) {
		return JSON.writeValueAsString(Map.of("type", "https://flashsale.dev/problems/" + code, "title", code, "status",
				status, "code", code));
	}

	private record StubOrder(String orderId, String userId, String status, long totalCents) {

	}

	/** The stub as a bean, and payment-service pointed at it. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class StubConfiguration {

		@Bean(destroyMethod = "close")
		OrderStub orderStub() {
			return OrderStub.started();
		}

		@Bean
		DynamicPropertyRegistrar orderUrl(OrderStub stub) {
			return (registry) -> registry.add("flashsale.payment.order-url", stub::url);
		}

	}

}
