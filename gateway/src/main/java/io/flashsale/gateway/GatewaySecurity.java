package io.flashsale.gateway;

import reactor.core.publisher.Mono;

import io.flashsale.gateway.ratelimit.RateLimitFilter;
import io.flashsale.platform.security.ReactiveSecurityAutoConfiguration;
import io.flashsale.platform.security.JwtProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;

/**
 * What the gateway opens and what it protects. Services validate the relayed token again,
 * so this is the first check, not the only one.
 */
@Configuration(proxyBeanMethods = false)
class GatewaySecurity {

	@Bean
	SecurityWebFilterChain gatewaySecurityFilterChain(ServerHttpSecurity http, GatewayProblems problems,
			RateLimitFilter limits) {
		// A caller without a valid token is limited per IP too: a flood of bad tokens
		// fills its IP's bucket and ends on the blacklist like any other.
		ServerAuthenticationEntryPoint unauthenticated = (exchange, ex) -> limits.rejectAnonymous(exchange)
			.flatMap((rejected) -> rejected ? Mono.empty()
					: problems.write(exchange.getResponse(), GatewayProblems.problem(HttpStatus.UNAUTHORIZED,
							"unauthenticated", "Unauthenticated", "A valid bearer token is required.")));
		ServerAccessDeniedHandler forbidden = (exchange, ex) -> problems.write(exchange.getResponse(), GatewayProblems
			.problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "The token does not grant this operation."));
		// Stateless: every request carries its token. Spring Security's reactive defaults
		// keep
		// the security context and the request cache in a WebSession, whose creation hops
		// every
		// request to the parallel scheduler (about a fifth of the gateway's CPU per
		// request).
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.authorizeExchange(
					(exchanges) -> exchanges.pathMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**")
						.permitAll()
						// The gateway's own actuator (no route leads to a service's):
						// operators and scrapers only.
						.pathMatchers("/actuator/**")
						.hasAnyRole(JwtProperties.ACTUATOR_ROLES)
						.pathMatchers("/api/admin/**", "/api/*/admin/**")
						.hasRole("ADMIN")
						// Payment channels call back without a token; payment-service
						// verifies each callback's signature, timestamp and nonce.
						.pathMatchers(HttpMethod.POST, "/api/payments/callbacks/**")
						.permitAll()
						.pathMatchers("/api/**")
						.authenticated()
						// Nothing else is routed: not payment-service's sandbox
						// wallets, not a service's actuator.
						.anyExchange()
						.denyAll())
			.oauth2ResourceServer((server) -> server
				.jwt((jwt) -> jwt
					.jwtAuthenticationConverter(ReactiveSecurityAutoConfiguration.authenticationConverter()))
				.authenticationEntryPoint(unauthenticated)
				.accessDeniedHandler(forbidden))
			.exceptionHandling(
					(handling) -> handling.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden))
			.build();
	}

}
