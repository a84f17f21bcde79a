package io.flashsale.marketing.inventory;

import io.flashsale.marketing.MarketingProperties;
import io.flashsale.platform.http.BearerTokenRelay;
import io.flashsale.platform.http.ServiceClients;
import io.flashsale.platform.resilience.ResilientCalls;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The inventory-service client: the platform's {@link ServiceClients} with the base URL
 * and timeouts of {@link MarketingProperties}, relaying the caller's token
 * (inventory-service authorises the allocation as the admin who asked for it, a price
 * read as the shopper), behind the platform's {@link ResilientCalls}.
 */
@Configuration(proxyBeanMethods = false)
class InventoryClientConfiguration {

	@Bean
	InventoryClient inventoryClient(ServiceClients clients, MarketingProperties properties) {
		return clients.create(InventoryClient.class, properties.inventoryUrl().toString(),
				properties.inventoryConnectTimeout(), properties.inventoryReadTimeout(), new BearerTokenRelay());
	}

	@Bean
	StockAllocations stockAllocations(InventoryClient inventory, ResilientCalls calls) {
		return new StockAllocations(inventory, calls);
	}

	/** Shoppers' price reads, relaying the shopper's token. */
	@Bean
	SkuPrices skuPrices(InventoryClient inventory, ResilientCalls calls) {
		return new SkuPrices(inventory, calls);
	}

}
