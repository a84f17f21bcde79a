package io.flashsale.platform.http;

import java.time.Duration;
import java.util.function.Supplier;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * Builds the client of another service's {@link HttpExchange} interface, the same way for
 * every service: Boot's {@link RestClient.Builder} (so calls are observed and traced, and
 * carry the request context), Boot's request factory and HTTP client settings (no hidden
 * retries, see {@link HttpClientAutoConfiguration}) with the caller's connect and read
 * timeouts, and the interceptors the caller names, such as the {@link BearerTokenRelay}.
 * Bulkheads, breakers and time limits stay with the caller ({@code ResilientCalls}).
 */
public class ServiceClients {

	private final Supplier<RestClient.Builder> builders;

	private final ClientHttpRequestFactoryBuilder<?> requestFactories;

	private final HttpClientSettings settings;

	ServiceClients(Supplier<RestClient.Builder> builders, ClientHttpRequestFactoryBuilder<?> requestFactories,
			HttpClientSettings settings) {
		this.builders = builders;
		this.requestFactories = requestFactories;
		this.settings = settings;
	}

	/**
	 * A client of {@code client}, an {@link HttpExchange} interface.
	 * @param baseUrl where the service answers
	 * @param connectTimeout how long to wait for a connection
	 * @param readTimeout how long to wait for the answer once connected
	 * @param interceptors what every request goes through, in order
	 */
	public <T> T create(Class<T> client, String baseUrl, Duration connectTimeout, Duration readTimeout,
			ClientHttpRequestInterceptor... interceptors) {
		RestClient.Builder builder = this.builders.get()
			.clone()
			.baseUrl(baseUrl)
			.requestFactory(this.requestFactories.build(this.settings.withTimeouts(connectTimeout, readTimeout)));
		for (ClientHttpRequestInterceptor interceptor : interceptors) {
			builder.requestInterceptor(interceptor);
		}
		return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(builder.build()))
			.build()
			.createClient(client);
	}

}
