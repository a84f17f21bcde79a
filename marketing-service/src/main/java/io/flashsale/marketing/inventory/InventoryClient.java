package io.flashsale.marketing.inventory;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PutExchange;

/**
 * inventory-service's stock allocation API, as this service calls it.
 */
@HttpExchange(url = "/api/admin/flash-sale-stock", accept = "application/json", contentType = "application/json")
interface InventoryClient {

	/**
	 * Takes {@code quantity} units of a SKU's stock for a flash sale. Idempotent per
	 * sale: repeating the same SKU and quantity answers 200 with the same body and takes
	 * nothing again.
	 * @param flashSaleId the sale the stock is for
	 * @param request the SKU and quantity
	 * @return the allocation (201 first time, 200 on a repeat)
	 */
	@PutExchange("/{flashSaleId}")
	StockAllocation allocate(@PathVariable long flashSaleId, @RequestBody AllocateStock request);

	record AllocateStock(long skuId, int quantity) {

	}

}
