package io.flashsale.e2e;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;

import io.flashsale.platform.security.LocalTokens;

import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Addresses of the running local stack, read from the same variables as ./flashsale uses.
 */
final class Stack {

	static final Map<String, Integer> APPS = Map.of("config-server", port("FLASHSALE_CONFIG_PORT", 18888), "gateway",
			port("FLASHSALE_GATEWAY_PORT", 18080), "order-service", port("FLASHSALE_ORDER_PORT", 18081),
			"payment-service", port("FLASHSALE_PAYMENT_PORT", 18082), "marketing-service",
			port("FLASHSALE_MARKETING_PORT", 18083), "inventory-service", port("FLASHSALE_INVENTORY_PORT", 18084));

	static final LocalTokens TOKENS = LocalTokens.forLocalStack(Duration.ofMinutes(10));

	/**
	 * HTTP/1.1 with timeouts: a stuck component fails a test instead of hanging the run.
	 */
	private static final JdkClientHttpRequestFactory REQUESTS = requests();

	private Stack() {
	}

	static ResponseEntity<String> get(String app, String path, String token) {
		return RestClient.create("http://127.0.0.1:" + APPS.get(app)).get().uri(path).headers((headers) -> {
			if (token != null) {
				headers.setBearerAuth(token);
			}
		}).retrieve().onStatus((status) -> true, (request, response) -> {
		}).toEntity(String.class);
	}

	private static JdkClientHttpRequestFactory requests() {
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
		factory.setReadTimeout(Duration.ofSeconds(15));
		return factory;
	}

	private static int port(String variable, int fallback) {
		String value = System.getenv(variable);
		return (value == null || value.isBlank()) ? fallback : Integer.parseInt(value);
	}

}
