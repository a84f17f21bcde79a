package io.flashsale.payment.order;

import java.time.Duration;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import io.flashsale.payment.PaymentProperties;
import io.flashsale.platform.resilience.CallDefaults;
import io.flashsale.platform.resilience.ResilientCalls;

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
 * {@code order-service} bulkhead, circuit breaker and time limit
 * ({@code resilience4j.*.instances.order-service}, defaults below).
 */
@Configuration(proxyBeanMethods = false)
class OrderClientConfiguration {

	static final String CALL = "order-service";

	/**
	 * Breaker over 50 calls, open at 50% once 20 were seen; at most 100 lookups in
	 * flight; 3 s each (the read timeout's default too).
	 */
	static final CallDefaults DEFAULTS = CallDefaults.standard(Duration.ofSeconds(3))
		.withBreaker(CircuitBreakerConfig.custom()
			.slidingWindowSize(50)
			.minimumNumberOfCalls(20)
			.failureRateThreshold(50)
			.waitDurationInOpenState(Duration.ofSeconds(10))
			.automaticTransitionFromOpenToHalfOpenEnabled(true)
			.build())
		.withBulkhead(BulkheadConfig.custom().maxConcurrentCalls(100).maxWaitDuration(Duration.ZERO).build());

	@Bean
	ShopperOrders shopperOrders(RestClient.Builder builder, PaymentProperties properties, ResilientCalls calls,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactories,
			ObjectProvider<HttpClientSettings> settings) {
		HttpClientSettings timeouts = settings.getIfAvailable(HttpClientSettings::defaults)
			.withTimeouts(properties.orderConnectTimeout(), properties.orderReadTimeout());
		RestClient client = builder.clone()
			.baseUrl(properties.orderUrl().toString())
			// The platform starter has already turned the transport's own retries off.
			.requestFactory(requestFactories.getIfAvailable(ClientHttpRequestFactoryBuilder::detect).build(timeouts))
			.requestInterceptor(new BearerTokenRelay())
			.build();
		return new ShopperOrders(HttpServiceProxyFactory.builderFor(RestClientAdapter.create(client))
			.build()
			.createClient(OrderClient.class), calls);
	}

}
