package io.flashsale.platform.http;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

class HttpClientAutoConfigurationTests {

	/**
	 * Without the customizer Apache HttpClient sends this POST twice (after Retry-After).
	 */
	@Test
	void sendsAPostAnswered503ExactlyOnce() throws Exception {
		AtomicInteger received = new AtomicInteger();
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", (exchange) -> {
			received.incrementAndGet();
			exchange.getRequestBody().readAllBytes();
			exchange.getResponseHeaders().add("Retry-After", "1");
			exchange.sendResponseHeaders(503, -1);
			exchange.close();
		});
		server.start();
		try {
			ClientHttpRequestFactoryBuilderCustomizer<HttpComponentsClientHttpRequestFactoryBuilder> customizer = new HttpClientAutoConfiguration()
				.noHiddenRetries();
			HttpComponentsClientHttpRequestFactoryBuilder builder = customizer
				.customize(ClientHttpRequestFactoryBuilder.httpComponents());
			int status = RestClient.builder()
				.requestFactory(builder.build())
				.baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
				.build()
				.post()
				.uri("/orders")
				.body("{}")
				.retrieve()
				.onStatus((code) -> true, (request, response) -> {
				})
				.toBodilessEntity()
				.getStatusCode()
				.value();
			assertThat(status).isEqualTo(503);
			assertThat(received).hasValue(1);
		}
		finally {
			server.stop(0);
		}
	}

}
