package io.flashsale.inventory.allocation;

import java.net.URI;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;

import io.flashsale.platform.degrade.Grade;
import io.flashsale.platform.degrade.Graded;
import io.flashsale.stock.StockCounters;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Allocates SKU stock to flash sales and shows a sale's stock. Admin only (the starter
 * guards {@code /api/admin/**}).
 *
 * <p>
 * PUT is idempotent: the first call answers 201, an identical repeat 200 with the same
 * allocation and no further stock taken, a different one 409.
 *
 * <p>
 * Allocating is IMPORTANT (it readies a sale, so only the deepest shed level stops it);
 * the stock view is a NON_CORE report (reconciliation reads it).
 */
@RestController
@RequestMapping("/api/admin/flash-sale-stock")
class AllocationController {

	private final Allocations allocations;

	private final StockCounters counters;

	AllocationController(Allocations allocations, StockCounters counters) {
		this.allocations = allocations;
		this.counters = counters;
	}

	@PutMapping("/{flashSaleId}")
	@Graded(Grade.IMPORTANT)
	@ApiResponse(responseCode = "201", description = "Allocated; the units were taken off the SKU",
			useReturnTypeSchema = true)
	@ApiResponse(responseCode = "200", description = "The same allocation was made before; nothing was taken again",
			useReturnTypeSchema = true)
	@ApiResponse(responseCode = "404", description = "sku-not-found: no such SKU")
	@ApiResponse(responseCode = "409",
			description = "insufficient-stock: the SKU has too few units; allocation-conflict: the sale has "
					+ "another allocation")
	ResponseEntity<Allocation> allocate(@PathVariable @Positive long flashSaleId,
			@Valid @RequestBody AllocateStock request) {
		Allocations.Allocated result = this.allocations.allocate(flashSaleId, request.skuId(), request.quantity());
		if (result.created()) {
			return ResponseEntity.created(URI.create("/api/admin/flash-sale-stock/" + flashSaleId))
				.body(result.allocation());
		}
		return ResponseEntity.ok(result.allocation());
	}

	@GetMapping("/{flashSaleId}")
	@Graded(Grade.NON_CORE)
	@ApiResponse(responseCode = "200", description = "The sale's stock in the database and in Redis",
			useReturnTypeSchema = true)
	@ApiResponse(responseCode = "404", description = "flash-sale-not-found: no stock is allocated to the sale")
	FlashSaleStockView get(@PathVariable @Positive long flashSaleId) {
		FlashSaleStock stock = this.allocations.find(flashSaleId);
		return new FlashSaleStockView(stock.flashSaleId(), stock.skuId(), stock.allocated(), stock.remaining(),
				stock.ordersApplied(), stock.warmed(), this.counters.remaining(flashSaleId));
	}

}
