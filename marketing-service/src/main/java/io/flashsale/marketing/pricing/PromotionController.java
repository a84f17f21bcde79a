package io.flashsale.marketing.pricing;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;

import io.flashsale.platform.degrade.Grade;
import io.flashsale.platform.degrade.Graded;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admins create, list and end promotions. The platform's security rules keep
 * {@code /api/admin/**} to the ADMIN role. All of it is NON_CORE admin work.
 */
@RestController
class PromotionController {

	private final PromotionService promotions;

	PromotionController(PromotionService promotions) {
		this.promotions = promotions;
	}

	@PostMapping("/api/admin/promotions")
	@Graded(Grade.NON_CORE)
	@ApiResponse(responseCode = "201", description = "Created; Location names the promotion",
			useReturnTypeSchema = true)
	@ApiResponse(responseCode = "400",
			description = "invalid-request: a field is missing, out of range or not one of the kind's",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "403", description = "forbidden: the caller is not an admin",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	ResponseEntity<PromotionView> create(@Valid @RequestBody CreatePromotion request,
			@AuthenticationPrincipal Jwt admin) {
		PromotionView promotion = this.promotions.create(request, admin.getSubject());
		return ResponseEntity.created(URI.create("/api/admin/promotions/" + promotion.id())).body(promotion);
	}

	/** Newest first. */
	@GetMapping("/api/admin/promotions")
	@Graded(Grade.NON_CORE)
	@ApiResponse(responseCode = "200", description = "A page of promotions", useReturnTypeSchema = true)
	@ApiResponse(responseCode = "400", description = "invalid-request: page or size out of range",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	List<PromotionView> list(@RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return this.promotions.page(page, size);
	}

	@GetMapping("/api/admin/promotions/{id}")
	@Graded(Grade.NON_CORE)
	@ApiResponse(responseCode = "200", description = "The promotion", useReturnTypeSchema = true)
	@ApiResponse(responseCode = "404", description = "promotion-not-found",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	PromotionView get(@PathVariable @Positive long id) {
		return this.promotions.find(id);
	}

	/**
	 * Ends a promotion now: quotes on this instance stop applying it at once, on others
	 * at their next reload. Ending one already ended answers it unchanged.
	 */
	@PostMapping("/api/admin/promotions/{id}/end")
	@Graded(Grade.NON_CORE)
	@ApiResponse(responseCode = "200", description = "The ended promotion", useReturnTypeSchema = true)
	@ApiResponse(responseCode = "404", description = "promotion-not-found",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	PromotionView end(@PathVariable @Positive long id) {
		return this.promotions.end(id);
	}

}
