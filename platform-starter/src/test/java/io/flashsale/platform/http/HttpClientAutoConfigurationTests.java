package io.flashsale.platform.http;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
			ClientHttpRequestFactoryBuilderCustomizer<HttpComponentsClientHttpRequestFactoryBuilder> customizer = customizer();
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

	/**
	 * 20 calls at once to one slow service are all in flight together: the pool, not
	 * Apache HttpClient's default of 5 per route, lets the bulkheads set the limit.
	 */
	@Test
	void keepsTwentyCallsToOneServiceInFlightAtOnce() throws Exception {
		AtomicInteger inFlight = new AtomicInteger();
		AtomicInteger mostAtOnce = new AtomicInteger();
		CountDownLatch allArrived = new CountDownLatch(20);
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		server.createContext("/", (exchange) -> {
			mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
			allArrived.countDown();
			try {
				// Answer once all 20 are here, or give up after 5 s.
				allArrived.await(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			inFlight.decrementAndGet();
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		server.start();
		try {
			RestClient client = RestClient.builder()
				.requestFactory(customizer().customize(ClientHttpRequestFactoryBuilder.httpComponents()).build())
				.baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
				.build();
			try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
				for (int i = 0; i < 20; i++) {
					callers.submit(() -> client.get().uri("/stock").retrieve().toBodilessEntity());
				}
			}
			assertThat(mostAtOnce).hasValue(20);
		}
		finally {
			server.stop(0);
		}
	}

	private static ClientHttpRequestFactoryBuilderCustomizer<HttpComponentsClientHttpRequestFactoryBuilder> customizer() {
		return new HttpClientAutoConfiguration().noHiddenRetries(200, 400, Duration.ofSeconds(2));
	}

}
