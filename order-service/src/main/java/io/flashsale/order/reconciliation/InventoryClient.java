package io.flashsale.order.reconciliation;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/** inventory-service as reconciliation reads it; the caller's admin token is relayed. */
@HttpExchange("/api/admin/flash-sale-stock")
interface InventoryClient {

	@GetExchange("/{flashSaleId}")
	SaleStock saleStock(@PathVariable long flashSaleId, @RequestHeader("Authorization") String authorization);

	/**
	 * A sale's stock in inventory's database.
	 *
	 * @param flashSaleId the sale
	 * @param allocated units taken from the SKU for it
	 * @param remaining allocated minus the orders applied
	 * @param ordersApplied orders inventory has taken stock for
	 */
	record SaleStock(long flashSaleId, long allocated, long remaining, long ordersApplied) {

	}

}
