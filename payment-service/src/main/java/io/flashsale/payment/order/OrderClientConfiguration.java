package io.flashsale.payment.order;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import io.flashsale.payment.PaymentProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * The order-service client: Boot's {@link RestClient.Builder} with the base URL and
 * timeouts of {@link PaymentProperties}, relaying the shopper's token, behind the
 * {@code order-service} circuit breaker
 * ({@code resilience4j.circuitbreaker.configs.order-service}, defaults below).
 */
@Configuration(proxyBeanMethods = false)
class OrderClientConfiguration {

	static final String BREAKER = "order-service";

	static final CircuitBreakerConfig DEFAULT_BREAKER = CircuitBreakerConfig.custom()
		.slidingWindowSize(50)
		.minimumNumberOfCalls(20)
		.failureRateThreshold(50)
		.waitDurationInOpenState(Duration.ofSeconds(10))
		.automaticTransitionFromOpenToHalfOpenEnabled(true)
		.build();

	@Bean
	ShopperOrders shopperOrders(RestClient.Builder builder, PaymentProperties properties,
			CircuitBreakerRegistry breakers, ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactories,
			ObjectProvider<HttpClientSettings> settings) {
		HttpClientSettings timeouts = settings.getIfAvailable(HttpClientSettings::defaults)
			.withTimeouts(properties.orderConnectTimeout(), properties.orderReadTimeout());
		RestClient client = builder.clone()
			.baseUrl(properties.orderUrl().toString())
			// The platform starter has already turned the transport's own retries off.
			.requestFactory(requestFactories.getIfAvailable(ClientHttpRequestFactoryBuilder::detect).build(timeouts))
			.requestInterceptor(new BearerTokenRelay())
			.build();
		// A definite answer (404, a body) is not a failure of order-service.
		CircuitBreakerConfig breaker = CircuitBreakerConfig
			.from(breakers.getConfiguration(BREAKER).orElse(DEFAULT_BREAKER))
			.recordException((ex) -> ex instanceof OrderServiceUnavailable)
			.ignoreExceptions()
			.build();
		return new ShopperOrders(HttpServiceProxyFactory.builderFor(RestClientAdapter.create(client))
			.build()
			.createClient(OrderClient.class), breakers.circuitBreaker(BREAKER, breaker));
	}

}
