package io.flashsale.marketing.inventory;

import io.flashsale.marketing.MarketingProperties;
import io.flashsale.platform.http.BearerTokenRelay;
import io.flashsale.platform.http.ServiceClients;
import io.flashsale.platform.resilience.ResilientCalls;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The inventory-service client: the platform's {@link ServiceClients} with the base URL
 * and timeouts of {@link MarketingProperties}, relaying the admin's token
 * (inventory-service authorises the allocation as the admin who asked for it), behind the
 * platform's {@link ResilientCalls}.
 */
@Configuration(proxyBeanMethods = false)
class InventoryClientConfiguration {

	@Bean
	StockAllocations stockAllocations(ServiceClients clients, MarketingProperties properties, ResilientCalls calls) {
		InventoryClient inventory = clients.create(InventoryClient.class, properties.inventoryUrl().toString(),
				properties.inventoryConnectTimeout(), properties.inventoryReadTimeout(), new BearerTokenRelay());
		return new StockAllocations(inventory, calls);
	}

}
