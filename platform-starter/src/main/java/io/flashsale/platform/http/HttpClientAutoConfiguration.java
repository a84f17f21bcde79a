package io.flashsale.platform.http;

import java.time.Duration;

import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Service-to-service HTTP clients never retry behind the caller's back. Apache HttpClient
 * (on every servlet service's classpath through the config client) repeats a request,
 * POSTs included, after a 503 or 429 (waiting out {@code Retry-After}) or a dropped
 * connection. Whether to retry is the resilience layer's decision, made where it can be
 * seen and bounded. Idle pooled connections are checked before reuse instead, so a
 * restarted service does not fail the next call.
 *
 * <p>
 * The connection pool is sized above the bulkheads ({@code ResilientCalls}) that guard
 * each call: Apache HttpClient's default of 5 connections per route would otherwise be
 * the real, hidden limit, and calls past it would queue for a connection instead of being
 * refused by the bulkhead. A call that still finds no free connection fails after
 * {@code connection-request-timeout} rather than waiting minutes.
 */
@AutoConfiguration
@ConditionalOnClass({ HttpComponentsClientHttpRequestFactoryBuilder.class, HttpClientBuilder.class })
public class HttpClientAutoConfiguration {

	@Bean
	ClientHttpRequestFactoryBuilderCustomizer<HttpComponentsClientHttpRequestFactoryBuilder> noHiddenRetries(
			@Value("${flashsale.http.client.max-connections-per-route:200}") int perRoute,
			@Value("${flashsale.http.client.max-connections:400}") int total,
			@Value("${flashsale.http.client.connection-request-timeout:2s}") Duration connectionRequestTimeout) {
		return (builder) -> builder.withHttpClientCustomizer(HttpClientBuilder::disableAutomaticRetries)
			.withConnectionConfigCustomizer(
					(connections) -> connections.setValidateAfterInactivity(TimeValue.ofSeconds(1)))
			.withConnectionManagerCustomizer(
					(manager) -> manager.setMaxConnPerRoute(perRoute).setMaxConnTotal(Math.max(total, perRoute)))
			.withDefaultRequestConfigCustomizer((request) -> request
				.setConnectionRequestTimeout(Timeout.ofMilliseconds(connectionRequestTimeout.toMillis())));
	}

}
