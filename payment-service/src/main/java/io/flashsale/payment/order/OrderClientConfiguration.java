package io.flashsale.payment.order;

import java.time.Duration;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import io.flashsale.payment.PaymentProperties;
import io.flashsale.platform.http.BearerTokenRelay;
import io.flashsale.platform.http.ServiceClients;
import io.flashsale.platform.resilience.CallDefaults;
import io.flashsale.platform.resilience.ResilientCalls;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The order-service client: the platform's {@link ServiceClients} with the base URL and
 * timeouts of {@link PaymentProperties}, relaying the shopper's own token (so
 * order-service answers as it would answer the shopper: 404 for anyone else's order),
 * behind the {@code order-service} bulkhead, circuit breaker and time limit
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
	ShopperOrders shopperOrders(ServiceClients clients, PaymentProperties properties, ResilientCalls calls) {
		OrderClient orders = clients.create(OrderClient.class, properties.orderUrl().toString(),
				properties.orderConnectTimeout(), properties.orderReadTimeout(), new BearerTokenRelay());
		return new ShopperOrders(orders, calls);
	}

}
