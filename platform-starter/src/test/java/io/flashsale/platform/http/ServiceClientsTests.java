package io.flashsale.platform.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ServiceClientsTests {

	private final ServiceClients clients = new ServiceClients(RestClient::builder,
			ClientHttpRequestFactoryBuilder.detect(), HttpClientSettings.defaults());

	private final List<String> received = new CopyOnWriteArrayList<>();

	private HttpServer server;

	private String baseUrl;

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", (exchange) -> {
			this.received
				.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
			if (exchange.getRequestURI().getPath().endsWith("/slow")) {
				try {
					Thread.sleep(2_000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			byte[] body = "pong".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.server.start();
		this.baseUrl = "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
		SecurityContextHolder.clearContext();
	}

	@Test
	void callsTheInterfaceAtTheBaseUrlRelayingTheCallersBearerToken() {
		Ping ping = this.clients.create(Ping.class, this.baseUrl, Duration.ofSeconds(1), Duration.ofSeconds(1),
				new BearerTokenRelay());
		SecurityContextHolder.getContext()
			.setAuthentication(new JwtAuthenticationToken(
					Jwt.withTokenValue("alice-token").header("alg", "HS256").subject("alice").build()));

		assertThat(ping.ping("a")).isEqualTo("pong");
		SecurityContextHolder.clearContext();
		assertThat(ping.ping("b")).isEqualTo("pong");

		assertThat(this.received).containsExactly("/api/ping/a Bearer alice-token", "/api/ping/b null");
	}

	@Test
	void relaysNothingWithoutTheRelay() {
		Ping ping = this.clients.create(Ping.class, this.baseUrl, Duration.ofSeconds(1), Duration.ofSeconds(1));
		SecurityContextHolder.getContext()
			.setAuthentication(new JwtAuthenticationToken(
					Jwt.withTokenValue("alice-token").header("alg", "HS256").subject("alice").build()));

		assertThat(ping.ping("a")).isEqualTo("pong");

		assertThat(this.received).containsExactly("/api/ping/a null");
	}

	@Test
	void givesUpAfterTheReadTimeout() {
		Ping ping = this.clients.create(Ping.class, this.baseUrl, Duration.ofSeconds(1), Duration.ofMillis(200));

		assertThatExceptionOfType(ResourceAccessException.class).isThrownBy(() -> ping.ping("slow"));
	}

	@HttpExchange("/api/ping")
	interface Ping {

		@GetExchange("/{name}")
		String ping(@PathVariable String name);

	}

}
