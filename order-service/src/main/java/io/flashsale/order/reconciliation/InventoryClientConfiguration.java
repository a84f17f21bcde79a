package io.flashsale.order.reconciliation;

import io.flashsale.order.OrderProperties;
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
 * The HTTP interface client for inventory-service: Boot's {@link RestClient.Builder} and
 * request factory (observed; no hidden retries, see the platform starter) with the
 * timeouts of {@link OrderProperties}, read through {@link InventoryStock} (bulkhead,
 * breaker, time limit, fallback).
 */
@Configuration(proxyBeanMethods = false)
class InventoryClientConfiguration {

	@Bean
	InventoryClient inventoryClient(RestClient.Builder builder, OrderProperties properties,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactories,
			ObjectProvider<HttpClientSettings> settings) {
		HttpClientSettings timeouts = settings.getIfAvailable(HttpClientSettings::defaults)
			.withTimeouts(properties.inventoryConnectTimeout(), properties.inventoryReadTimeout());
		RestClient client = builder.baseUrl(properties.inventoryUrl())
			.requestFactory(requestFactories.getIfAvailable(ClientHttpRequestFactoryBuilder::detect).build(timeouts))
			.build();
		return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(client))
			.build()
			.createClient(InventoryClient.class);
	}

	@Bean
	InventoryStock inventoryStock(InventoryClient inventoryClient, ResilientCalls calls) {
		return new InventoryStock(inventoryClient, calls);
	}

}
