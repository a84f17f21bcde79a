package io.flashsale.order.reconciliation;

import io.flashsale.order.OrderProperties;
import io.flashsale.platform.http.ServiceClients;
import io.flashsale.platform.resilience.ResilientCalls;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The HTTP interface client for inventory-service: the platform's {@link ServiceClients}
 * with the base URL and timeouts of {@link OrderProperties}, read through
 * {@link InventoryStock} (bulkhead, breaker, time limit, fallback). No token relay: the
 * admin's {@code Authorization} header is an argument of each call.
 */
@Configuration(proxyBeanMethods = false)
class InventoryClientConfiguration {

	@Bean
	InventoryClient inventoryClient(ServiceClients clients, OrderProperties properties) {
		return clients.create(InventoryClient.class, properties.inventoryUrl(), properties.inventoryConnectTimeout(),
				properties.inventoryReadTimeout());
	}

	@Bean
	InventoryStock inventoryStock(InventoryClient inventoryClient, ResilientCalls calls) {
		return new InventoryStock(inventoryClient, calls);
	}

}
