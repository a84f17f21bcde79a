package io.flashsale.gateway.fallback;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import io.flashsale.gateway.GatewayProblems;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

@Configuration(proxyBeanMethods = false)
class FallbackConfiguration {

	/** Every method: the breaker forwards the original request, POST included. */
	static final String FALLBACK_PATH = "/fallback/{breaker}";

	@Bean
	RouterFunction<ServerResponse> breakerFallbacks(CircuitBreakerRegistry breakers, GatewayProblems problems) {
		BreakerFallback fallback = new BreakerFallback(breakers, problems);
		return RouterFunctions.route(RequestPredicates.path(FALLBACK_PATH), fallback::handle);
	}

	@Bean
	GatewayErrors gatewayErrors(GatewayProblems problems) {
		return new GatewayErrors(problems);
	}

}
