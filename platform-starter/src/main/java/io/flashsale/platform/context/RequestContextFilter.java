package io.flashsale.platform.context;

import java.io.IOException;

import java.util.regex.Pattern;

import io.micrometer.tracing.BaggageInScope;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.flashsale.contracts.Headers;
import io.flashsale.contracts.Ids;
import io.flashsale.contracts.TrafficMark;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the request id, the user id and the traffic mark into tracing baggage for the rest
 * of the request, so instrumented HTTP clients and Kafka producers forward them and logs
 * carry them.
 *
 * <p>
 * Runs after Spring Security: the user id always comes from the validated token, never
 * from a header, so a caller cannot claim another user's identity.
 */
public class RequestContextFilter extends OncePerRequestFilter {

	private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

	private final Tracer tracer;

	public RequestContextFilter(Tracer tracer) {
		this.tracer = tracer;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String requestId = requestId(request.getHeader(Headers.REQUEST_ID));
		response.setHeader(Headers.REQUEST_ID, requestId);
		TrafficMark mark = TrafficMark.fromHeader(request.getHeader(Headers.TRAFFIC_MARK));
		try (BaggageInScope id = this.tracer.createBaggageInScope(Headers.REQUEST_ID, requestId);
				BaggageInScope user = this.tracer.createBaggageInScope(Headers.USER_ID, userId());
				BaggageInScope traffic = this.tracer.createBaggageInScope(Headers.TRAFFIC_MARK, mark.headerValue())) {
			chain.doFilter(request, response);
		}
	}

	static String requestId(String candidate) {
		return (candidate != null && SAFE_REQUEST_ID.matcher(candidate).matches()) ? candidate
				: Ids.randomUuid().toString();
	}

	private static String userId() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication instanceof JwtAuthenticationToken jwt) ? jwt.getToken().getSubject() : "";
	}

}
