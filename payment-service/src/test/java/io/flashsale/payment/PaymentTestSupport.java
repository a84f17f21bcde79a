package io.flashsale.payment;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.flashsale.payment.channel.Signatures;
import io.flashsale.platform.security.LocalTokens;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the payment tests share: calls to the running service as a shopper, an admin, a
 * wallet or nobody, reads of the ledger, and a reset of the wallets' behaviour and the
 * breakers after each test.
 */
abstract class PaymentTestSupport {

	static final Duration WAIT = Duration.ofSeconds(30);

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	OrderStub orders;

	@Autowired
	PaymentEvents events;

	@Autowired
	LocalTokens tokens;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MeterRegistry meters;

	@Autowired
	PaymentProperties properties;

	@Autowired
	CircuitBreakerRegistry breakers;

	@Autowired
	TestClock clock;

	@LocalServerPort
	int port;

	@AfterEach
	void restoreWallets() {
		this.clock.reset();
		this.orders.down(false);
		for (String channel : List.of(PaymentProperties.SANDPAY, PaymentProperties.QUICKWALLET)) {
			behave(channel, Map.of());
			this.breakers.circuitBreaker(channel).reset();
		}
		this.breakers.circuitBreaker("order-service").reset();
	}

	static String shopper() {
		return "shopper-" + UUID.randomUUID().toString().substring(0, 8);
	}

	RestClient http() {
		return RestClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

	ResponseEntity<JsonNode> call(HttpMethod method, String path, String token, Object body) {
		RestClient.RequestBodySpec request = http().method(method).uri(path);
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		ResponseEntity<String> response = request.retrieve().toEntity(String.class);
		JsonNode json = (response.getBody() != null && !response.getBody().isBlank())
				? JSON.readTree(response.getBody()) : JSON.nullNode();
		return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders()).body(json);
	}

	/** Opens a payment as {@code user} and expects 201. */
	JsonNode pay(String user, String orderId, String channel) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("orderId", orderId);
		if (channel != null) {
			body.put("channel", channel);
		}
		ResponseEntity<JsonNode> created = call(HttpMethod.POST, "/api/payments", this.tokens.user(user), body);
		assertThat(created.getStatusCode().value()).as("%s", created.getBody()).isEqualTo(201);
		return created.getBody();
	}

	/** The shopper confirms at the wallet. */
	JsonNode confirm(String channel, String tradeNo, String outcome) {
		ResponseEntity<JsonNode> paid = call(HttpMethod.POST,
				"/sandbox/" + channel + "/trades/" + tradeNo + "/pay?outcome=" + outcome, null, null);
		assertThat(paid.getStatusCode().value()).as("%s", paid.getBody()).isEqualTo(200);
		return paid.getBody();
	}

	void behave(String channel, Map<String, Object> behaviour) {
		ResponseEntity<JsonNode> set = call(HttpMethod.PUT, "/sandbox/" + channel + "/behaviour", null, behaviour);
		assertThat(set.getStatusCode().value()).as("%s", set.getBody()).isEqualTo(200);
	}

	String status(String paymentId) {
		return this.jdbc.queryForObject("SELECT status FROM payments WHERE id = ?", String.class, paymentId);
	}

	/** Waits, reading the table (not the API, whose read may ask the channel itself). */
	void awaitStatus(String paymentId, String status) {
		await().atMost(WAIT).untilAsserted(() -> assertThat(status(paymentId)).isEqualTo(status));
	}

	/** The ledger's transitions of a payment, as "FROM>TO@source". */
	List<String> ledger(String paymentId) {
		return this.jdbc
			.queryForList("SELECT CONCAT(COALESCE(from_status, '-'), '>', to_status, '@', source) FROM payment_ledger "
					+ "WHERE payment_id = ? ORDER BY id", String.class, paymentId);
	}

	int paymentsOfOrder(String orderId) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM payments WHERE order_id = ?", Integer.class, orderId);
	}

	double counter(String name, String... tags) {
		Counter counter = this.meters.find(name).tags(tags).counter();
		return (counter != null) ? counter.count() : 0;
	}

	/** A callback body as a wallet writes it. */
	static byte[] callbackBody(String tradeNo, String paymentId, String orderId, long amountCents, String status,
			Instant timestamp, String nonce) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("tradeNo", tradeNo);
		body.put("merchantRef", paymentId);
		body.put("orderId", orderId);
		body.put("amountCents", amountCents);
		body.put("status", status);
		body.put("paidAt", Instant.now().toString());
		body.put("timestamp", timestamp.getEpochSecond());
		body.put("nonce", nonce);
		return JSON.writeValueAsBytes(body);
	}

	String secret(String channel) {
		return this.properties.channels().get(channel).secret();
	}

	/** Delivers a callback as a wallet does: raw bytes, signed with {@code secret}. */
	ResponseEntity<String> deliver(String channel, byte[] body, String secret) {
		return http().post()
			.uri("/api/payments/callbacks/" + channel)
			.contentType(MediaType.APPLICATION_JSON)
			.header(Signatures.HEADER, Signatures.hmacSha256Hex(secret, body))
			.body(body)
			.retrieve()
			.toEntity(String.class);
	}

}
