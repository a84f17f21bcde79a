package io.flashsale.platform.http;

import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.util.TimeValue;

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
 */
@AutoConfiguration
@ConditionalOnClass({ HttpComponentsClientHttpRequestFactoryBuilder.class, HttpClientBuilder.class })
public class HttpClientAutoConfiguration {

	@Bean
	ClientHttpRequestFactoryBuilderCustomizer<HttpComponentsClientHttpRequestFactoryBuilder> noHiddenRetries() {
		return (builder) -> builder.withHttpClientCustomizer(HttpClientBuilder::disableAutomaticRetries)
			.withConnectionConfigCustomizer(
					(connections) -> connections.setValidateAfterInactivity(TimeValue.ofSeconds(1)));
	}

}
