package io.flashsale.marketing.coupon;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.flashsale.contracts.Headers;
import io.flashsale.platform.degrade.Grade;
import io.flashsale.platform.degrade.Graded;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A shopper claims coupons and lists theirs. The shopper is always the token's subject,
 * never read from the request. Claiming is IMPORTANT (shed only in deep degrade, and
 * paused by its own switch); the listing NON_CORE.
 */
@RestController
class CouponClaimController {

	private final CouponClaims claims;

	private final ShopperCouponList mine;

	CouponClaimController(CouponClaims claims, ShopperCouponList mine) {
		this.claims = claims;
		this.mine = mine;
	}

	@Operation(summary = "Claim a coupon",
			description = "Takes one coupon of the template atomically and hands it to the coupon writer; it is "
					+ "listed under /api/coupons/mine once written.")
	@ApiResponse(responseCode = "201", description = "Claimed and handed to Kafka: the coupon exists",
			useReturnTypeSchema = true)
	@ApiResponse(responseCode = "200",
			description = "A replay: this Idempotency-Key claimed this coupon before (also after the stock ran out "
					+ "or the window closed)",
			useReturnTypeSchema = true)
	@ApiResponse(responseCode = "400", description = "invalid-request (template id) or idempotency-key-missing",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "coupon-template-not-found",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "409", description = "coupons-gone, claim-limit-reached or claim-not-open",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "422",
			description = "idempotency-key-reused: another shopper's claim of this template used the key",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "503",
			description = "All with Retry-After. coupon-claim-paused (the coupon-claim switch, or the template's "
					+ "counters lost; nothing claimed), claim-not-accepted (nothing claimed; retry), "
					+ "coupon-counters-unavailable or claim-outcome-unknown: retry with the same Idempotency-Key, "
					+ "which replays a taken claim and claims once otherwise",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@PostMapping("/api/coupons/{templateId}/claims")
	@Graded(Grade.IMPORTANT)
	ResponseEntity<ClaimedCoupon> claim(@PathVariable long templateId,
			@Parameter(hidden = true) @AuthenticationPrincipal Jwt jwt,
			@Parameter(description = "8 to 64 of A-Z a-z 0-9 . _ : -; a retry with the same key replays the first "
					+ "answer") @RequestHeader(name = Headers.IDEMPOTENCY_KEY,
							required = false) String idempotencyKey) {
		CouponClaims.Claim claim = this.claims.claim(templateId, jwt.getSubject(), idempotencyKey);
		URI location = URI.create("/api/coupons/mine/" + claim.coupon().couponId());
		if (claim.replayed()) {
			return ResponseEntity.ok().location(location).body(claim.coupon());
		}
		return ResponseEntity.created(location).body(claim.coupon());
	}

	@GetMapping("/api/coupons/mine")
	@Graded(Grade.NON_CORE)
	@ApiResponse(responseCode = "200", description = "A page of the caller's coupons, newest claim first",
			useReturnTypeSchema = true)
	@ApiResponse(responseCode = "400", description = "invalid-request: state, page or size out of range",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	CouponPage mine(@Parameter(hidden = true) @AuthenticationPrincipal Jwt jwt,
			@Parameter(description = "UNUSED, LOCKED, USED or EXPIRED; all when absent") @RequestParam(
					required = false) CouponState state,
			@RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return this.mine.page(jwt.getSubject(), state, page, size);
	}

	@GetMapping("/api/coupons/mine/{couponId}")
	@Graded(Grade.NON_CORE)
	@ApiResponse(responseCode = "200", description = "One of the caller's coupons", useReturnTypeSchema = true)
	@ApiResponse(responseCode = "404",
			description = "coupon-not-found: unknown, another shopper's, or claimed and not yet written",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	CouponView one(@Parameter(hidden = true) @AuthenticationPrincipal Jwt jwt, @PathVariable String couponId) {
		return this.mine.one(jwt.getSubject(), couponId);
	}

}
