package io.flashsale.marketing.inventory;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PutExchange;

/**
 * inventory-service's stock allocation and SKU APIs, as this service calls them.
 */
@HttpExchange(accept = "application/json")
interface InventoryClient {

	/**
	 * Takes {@code quantity} units of a SKU's stock for a flash sale. Idempotent per
	 * sale: repeating the same SKU and quantity answers 200 with the same body and takes
	 * nothing again.
	 * @param flashSaleId the sale the stock is for
	 * @param request the SKU and quantity
	 * @return the allocation (201 first time, 200 on a repeat)
	 */
	@PutExchange(url = "/api/admin/flash-sale-stock/{flashSaleId}", contentType = "application/json")
	StockAllocation allocate(@PathVariable long flashSaleId, @RequestBody AllocateStock request);

	record AllocateStock(long skuId, int quantity) {

	}

	/**
	 * A SKU and its list price of record, as any signed-in caller may read it.
	 * @param skuId the SKU
	 * @return the SKU (404 {@code sku-not-found} when unknown)
	 */
	@GetExchange("/api/skus/{skuId}")
	Sku sku(@PathVariable long skuId);

	/**
	 * The part of inventory-service's SKU view this service reads.
	 *
	 * @param id the SKU
	 * @param shopId the shop that sells it
	 * @param listPriceMinor the list price per unit in minor units; null when it has none
	 * @param currency the price's ISO 4217 code
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Sku(long id, long shopId, Long listPriceMinor, String currency) {

	}

}
