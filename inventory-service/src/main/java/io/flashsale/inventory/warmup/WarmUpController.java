package io.flashsale.inventory.warmup;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Positive;

import io.flashsale.platform.degrade.Grade;
import io.flashsale.platform.degrade.Graded;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lets an admin warm a sale's counters now rather than wait for the scheduled warmer.
 * IMPORTANT, like allocation: it readies a sale, so only the deepest shed level stops it.
 */
@RestController
class WarmUpController {

	private final StockWarmer warmer;

	WarmUpController(StockWarmer warmer) {
		this.warmer = warmer;
	}

	@PostMapping("/api/admin/flash-sale-stock/{flashSaleId}/warm-up")
	@Graded(Grade.IMPORTANT)
	@ApiResponse(responseCode = "200",
			description = "warmed: true if this call created the counters, false if they " + "existed",
			useReturnTypeSchema = true)
	@ApiResponse(responseCode = "404", description = "flash-sale-not-found: no stock is allocated to the sale")
	@ApiResponse(responseCode = "409",
			description = "sale-not-scheduled: its window is not known yet; counters-live-or-used: its counters "
					+ "are gone after orders were applied and must be rebuilt, not warmed")
	WarmUpResult warmUp(@PathVariable @Positive long flashSaleId) {
		return this.warmer.warmUp(flashSaleId);
	}

}
