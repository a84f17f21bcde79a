package io.flashsale.e2e;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.flashsale.devstack.StackPort;
import io.flashsale.platform.security.LocalTokens;

import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Addresses of the running local stack: the ports ./flashsale runs it on
 * ({@link StackPort}, where each is defined with the variable that overrides it).
 */
final class Stack {

	static final Map<String, Integer> APPS = Stream
		.of(StackPort.CONFIG_SERVER, StackPort.GATEWAY, StackPort.ORDER_SERVICE, StackPort.PAYMENT_SERVICE,
				StackPort.MARKETING_SERVICE, StackPort.INVENTORY_SERVICE)
		.collect(Collectors.toUnmodifiableMap(StackPort::component, StackPort::port));

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

}
