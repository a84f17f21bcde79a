package io.flashsale.platform.http;

import java.io.IOException;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Sends the current caller's bearer token on, so the called service authorises the call
 * as the caller (the shopper, the admin) would be authorised there, rather than trusting
 * the service in between. A call made outside a request carries no token and is refused
 * there.
 */
public final class BearerTokenRelay implements ClientHttpRequestInterceptor {

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof JwtAuthenticationToken jwt) {
			request.getHeaders().setBearerAuth(jwt.getToken().getTokenValue());
		}
		return execution.execute(request, body);
	}

}
