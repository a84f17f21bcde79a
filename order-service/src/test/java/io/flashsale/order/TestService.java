package io.flashsale.order;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import io.flashsale.order.catalog.FlashSales;
import io.flashsale.platform.messaging.EventJson;
import io.flashsale.platform.security.LocalTokens;
import io.flashsale.stock.StockCounters;

import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The running order-service as its integration tests use it: its HTTP API on the random
 * port, tokens for shoppers and operators, the servers' clients, and the sales and orders
 * a test sets up. Built from the test's application context (take it as an
 * {@code @Autowired ApplicationContext} constructor parameter), so it adds no bean and no
 * context of its own.
 */
public final class TestService {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final Environment environment;

	private final LocalTokens tokens;

	private final KafkaTemplate<String, String> kafka;

	private final EventJson events;

	private final FlashSales sales;

	private final StockCounters counters;

	private final JdbcTemplate jdbc;

	@SuppressWarnings("unchecked")
	public TestService(ApplicationContext context) {
		this.environment = context.getEnvironment();
		this.tokens = context.getBean(LocalTokens.class);
		// Declared as KafkaTemplate<?, ?> by Boot; the service sends String keys and
		// values.
		this.kafka = context.getBean(KafkaTemplate.class);
		this.events = context.getBean(EventJson.class);
		this.sales = context.getBean(FlashSales.class);
		this.counters = context.getBean(StockCounters.class);
		this.jdbc = context.getBean(JdbcTemplate.class);
	}

	public LocalTokens tokens() {
		return this.tokens;
	}

	public KafkaTemplate<String, String> kafka() {
		return this.kafka;
	}

	public EventJson events() {
		return this.events;
	}

	public StockCounters counters() {
		return this.counters;
	}

	public JdbcTemplate jdbc() {
		return this.jdbc;
	}

	/** Schedules sales as marketing-service would. */
	public TestSales testSales() {
		return new TestSales(this.kafka, this.events, this.counters, this.sales);
	}

	/** Places orders the way checkout does, without the HTTP call. */
	public TestOrders testOrders() {
		return new TestOrders(this.counters, this.kafka, this.events);
	}

	/** {@code POST /api/orders} as the shopper, with a fresh idempotency key. */
	public HttpResponse<String> purchase(String user, String body) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri("/api/orders"))
			.header("Authorization", "Bearer " + this.tokens.user(user))
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	/** A GET with the bearer token. */
	public HttpRequest get(String token, String path) {
		return HttpRequest.newBuilder(uri(path))
			.header("Authorization", "Bearer " + token)
			.timeout(Duration.ofSeconds(30))
			.GET()
			.build();
	}

	/** A POST without a body, with the bearer token. */
	public HttpRequest post(String token, String path) {
		return HttpRequest.newBuilder(uri(path))
			.header("Authorization", "Bearer " + token)
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build();
	}

	public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	public URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.environment.getRequiredProperty("local.server.port") + path);
	}

}
