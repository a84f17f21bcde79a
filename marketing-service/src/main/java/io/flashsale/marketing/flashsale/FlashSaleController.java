package io.flashsale.marketing.flashsale;

import java.net.URI;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.flashsale.platform.degrade.Degraded;
import io.flashsale.platform.degrade.Grade;
import io.flashsale.platform.degrade.Graded;
import io.flashsale.platform.degrade.LastAnswers;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admins create flash sales; any signed-in caller reads scheduled ones. The platform's
 * security rules keep {@code /api/admin/**} to the ADMIN role.
 *
 * <p>
 * Grades: creating a sale is NON_CORE (admin work that waits for the peak to pass); a
 * sale's details are IMPORTANT and the listing NON_CORE, both answered from the last
 * answers this instance gave while shed (503 degraded for one it never gave).
 */
@RestController
class FlashSaleController {

	private final FlashSaleService flashSales;

	private final LastAnswers<Long, FlashSaleView> lastSales = new LastAnswers<>(1_000);

	private final LastAnswers<String, FlashSalePage> lastPages = new LastAnswers<>(100);

	FlashSaleController(FlashSaleService flashSales) {
		this.flashSales = flashSales;
	}

	/**
	 * Creates a sale and allocates its stock at inventory-service. Answers 201 with the
	 * sale, 409 {@code insufficient-stock}, 422 {@code sku-not-found}, or 503
	 * {@code inventory-unavailable} (the sale stays a draft; repeat with the same
	 * {@code Idempotency-Key} to finish it).
	 */
	@PostMapping("/api/admin/flash-sales")
	@Graded(Grade.NON_CORE)
	@ApiResponse(responseCode = "201", description = "Scheduled; Location names the sale", useReturnTypeSchema = true)
	@ApiResponse(responseCode = "400", description = "invalid-request: the body or Idempotency-Key is invalid",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "403", description = "forbidden: the caller is not an admin",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "409", description = "insufficient-stock or allocation-conflict; the sale is rejected",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "422",
			description = "sku-not-found (the sale is rejected), or idempotency-key-reused with another body",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "503", description = "inventory-unavailable: the sale stays a draft",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	ResponseEntity<FlashSaleView> create(@Valid @RequestBody CreateFlashSale request,
			@Parameter(description = "Optional, 1-64 visible ASCII characters: repeating the request with the same key "
					+ "answers with the same sale and finishes one left a draft") @RequestHeader(
							name = "Idempotency-Key", required = false) String idempotencyKey,
			@AuthenticationPrincipal Jwt admin) {
		FlashSaleView sale = this.flashSales.create(request, admin.getSubject(), idempotencyKey);
		return ResponseEntity.created(URI.create("/api/flash-sales/" + sale.id())).body(sale);
	}

	@GetMapping("/api/flash-sales/{id}")
	@Graded(value = Grade.IMPORTANT, fallback = "lastSale")
	@ApiResponse(responseCode = "200", description = "The sale", useReturnTypeSchema = true)
	@ApiResponse(responseCode = "404", description = "flash-sale-not-found: unknown, or never scheduled",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	FlashSaleView get(@PathVariable long id) {
		return this.lastSales.remember(id, this.flashSales.find(id));
	}

	FlashSaleView lastSale(long id) {
		return this.lastSales.recall(id).orElseThrow(() -> new Degraded(Grade.IMPORTANT));
	}

	/** Scheduled sales that have not ended, by start time. */
	@GetMapping("/api/flash-sales")
	@Graded(value = Grade.NON_CORE, fallback = "lastPage")
	@ApiResponse(responseCode = "200", description = "A page of sales", useReturnTypeSchema = true)
	@ApiResponse(responseCode = "400", description = "invalid-request: page or size out of range",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	FlashSalePage list(@RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return this.lastPages.remember(page + "/" + size, this.flashSales.upcoming(page, size));
	}

	FlashSalePage lastPage(int page, int size) {
		return this.lastPages.recall(page + "/" + size).orElseThrow(() -> new Degraded(Grade.NON_CORE));
	}

}
