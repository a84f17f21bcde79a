package io.flashsale.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.security.Principal;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.support.ipresolver.RemoteAddressResolver;
import org.springframework.cloud.gateway.support.ipresolver.XForwardedRemoteAddressResolver;
import org.springframework.web.server.ServerWebExchange;

/**
 * Resolves the {@link Caller} of an exchange. The user is the subject of the token Spring
 * Security validated, never a header. The IP is the TCP peer, or, behind
 * {@code trustedProxyHops} proxies, the {@code X-Forwarded-For} entry the outermost
 * trusted proxy appended, so a client cannot choose its own bucket by sending the header.
 */
final class Callers {

	/** Longer values are not addresses; they only bloat Redis keys. */
	private static final int MAX_IP_LENGTH = 64;

	private final RemoteAddressResolver addresses;

	Callers(int trustedProxyHops) {
		this.addresses = (trustedProxyHops > 0) ? XForwardedRemoteAddressResolver.maxTrustedIndex(trustedProxyHops)
				: new RemoteAddressResolver() {
				};
	}

	Mono<Caller> resolve(ServerWebExchange exchange) {
		String ip = ip(exchange);
		return exchange.getPrincipal()
			.map(Principal::getName)
			.map((user) -> new Caller(ip, user))
			.defaultIfEmpty(new Caller(ip, null));
	}

	/** The caller of a request without a valid token: its address alone. */
	Caller anonymous(ServerWebExchange exchange) {
		return new Caller(ip(exchange), null);
	}

	private String ip(ServerWebExchange exchange) {
		InetSocketAddress address = this.addresses.resolve(exchange);
		if (address == null) {
			return "unknown";
		}
		String ip = (address.getAddress() != null) ? address.getAddress().getHostAddress() : address.getHostString();
		return (ip.length() > MAX_IP_LENGTH) ? ip.substring(0, MAX_IP_LENGTH) : ip;
	}

}
