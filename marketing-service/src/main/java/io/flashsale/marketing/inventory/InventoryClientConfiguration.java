package io.flashsale.marketing.inventory;

import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.util.TimeValue;

import io.flashsale.marketing.MarketingProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * The inventory-service client: Boot's {@link RestClient.Builder} (so calls are observed
 * and traced) with the base URL and timeouts of {@link MarketingProperties}, on Boot's
 * HTTP client settings.
 */
@Configuration(proxyBeanMethods = false)
class InventoryClientConfiguration {

	@Bean
	StockAllocations stockAllocations(RestClient.Builder builder, MarketingProperties properties,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactories,
			ObjectProvider<HttpClientSettings> settings) {
		HttpClientSettings timeouts = settings.getIfAvailable(HttpClientSettings::defaults)
			.withTimeouts(properties.inventoryConnectTimeout(), properties.inventoryReadTimeout());
		RestClient client = builder.baseUrl(properties.inventoryUrl().toString())
			.requestFactory(
					withoutHiddenRetries(requestFactories.getIfAvailable(ClientHttpRequestFactoryBuilder::detect))
						.build(timeouts))
			.requestInterceptor(new BearerTokenRelay())
			.build();
		InventoryClient inventory = HttpServiceProxyFactory.builderFor(RestClientAdapter.create(client))
			.build()
			.createClient(InventoryClient.class);
		return new StockAllocations(inventory);
	}

	/**
	 * Apache HttpClient on its own repeats a request after a 503 (waiting a second) or a
	 * dropped connection. Whether and when to retry inventory-service is the resilience
	 * layer's decision, made where it can be seen and bounded, so the transport does not
	 * retry. Pooled connections idle for a second are checked before reuse instead, so a
	 * restarted inventory-service does not fail the next call.
	 */
	private static ClientHttpRequestFactoryBuilder<?> withoutHiddenRetries(
			ClientHttpRequestFactoryBuilder<?> factories) {
		if (factories instanceof HttpComponentsClientHttpRequestFactoryBuilder httpComponents) {
			return httpComponents.withHttpClientCustomizer(HttpClientBuilder::disableAutomaticRetries)
				.withConnectionConfigCustomizer(
						(connections) -> connections.setValidateAfterInactivity(TimeValue.ofSeconds(1)));
		}
		return factories;
	}

}
