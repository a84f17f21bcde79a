package io.flashsale.inventory.sku;

import java.net.URI;
import java.time.Instant;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;

import io.flashsale.platform.degrade.Grade;
import io.flashsale.platform.degrade.Graded;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Creates SKUs with their list price of record (admins) and shows their stock and price
 * (anyone signed in). The starter's security puts {@code /api/admin/**} behind the ADMIN
 * role. Creating is NON_CORE admin work; the stock view is IMPORTANT (503 degraded while
 * shed: a stale stock figure would mislead more than none).
 */
@RestController
class SkuController {

	private final Skus skus;

	SkuController(Skus skus) {
		this.skus = skus;
	}

	@PostMapping("/api/admin/skus")
	@Graded(Grade.NON_CORE)
	@ApiResponse(responseCode = "201", description = "Created; Location names the SKU", useReturnTypeSchema = true)
	@ApiResponse(responseCode = "400",
			description = "invalid-request: a field is missing or out of range (a list price and a known currency are required)")
	ResponseEntity<SkuDetails> create(@Valid @RequestBody CreateSku request) {
		NewSku sku = new NewSku(request.name(), request.stock(), request.shop(), request.listPriceMinor(),
				request.currency(), Instant.now());
		this.skus.insert(sku);
		long id = sku.getId();
		// Relative, so it stays right behind the gateway.
		return ResponseEntity.created(URI.create("/api/skus/" + id))
			.body(new SkuDetails(id, sku.getName(), sku.getStock(), sku.getShopId(), sku.getListPriceMinor(),
					sku.getCurrency()));
	}

	@GetMapping("/api/skus/{id}")
	@Graded(Grade.IMPORTANT)
	@ApiResponse(responseCode = "200", description = "The SKU", useReturnTypeSchema = true)
	@ApiResponse(responseCode = "404", description = "sku-not-found: no such SKU")
	SkuAvailability get(@PathVariable @Positive long id) {
		Sku sku = this.skus.find(id).orElseThrow(() -> new SkuNotFound(id));
		return new SkuAvailability(sku.id(), sku.name(), sku.stock(), sku.shopId(), sku.listPriceMinor(),
				sku.currency());
	}

}
