package io.flashsale.marketing.inventory;

import java.io.IOException;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Sends the current caller's bearer token on, so inventory-service authorises the call as
 * the admin who made the request rather than trusting this service. A call outside a
 * request carries no token and is refused there.
 */
final class BearerTokenRelay implements ClientHttpRequestInterceptor {

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
