package io.flashsale.marketing.inventory;

import io.flashsale.marketing.MarketingProperties;
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
 * The inventory-service client: Boot's {@link RestClient.Builder} (so calls are observed
 * and traced) with the base URL and timeouts of {@link MarketingProperties}, on Boot's
 * HTTP client settings, behind the platform's {@link ResilientCalls}.
 */
@Configuration(proxyBeanMethods = false)
class InventoryClientConfiguration {

	@Bean
	StockAllocations stockAllocations(RestClient.Builder builder, MarketingProperties properties, ResilientCalls calls,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactories,
			ObjectProvider<HttpClientSettings> settings) {
		HttpClientSettings timeouts = settings.getIfAvailable(HttpClientSettings::defaults)
			.withTimeouts(properties.inventoryConnectTimeout(), properties.inventoryReadTimeout());
		RestClient client = builder.baseUrl(properties.inventoryUrl().toString())
			// The platform starter has already turned the transport's own retries off.
			.requestFactory(requestFactories.getIfAvailable(ClientHttpRequestFactoryBuilder::detect).build(timeouts))
			.requestInterceptor(new BearerTokenRelay())
			.build();
		InventoryClient inventory = HttpServiceProxyFactory.builderFor(RestClientAdapter.create(client))
			.build()
			.createClient(InventoryClient.class);
		return new StockAllocations(inventory, calls);
	}

}
