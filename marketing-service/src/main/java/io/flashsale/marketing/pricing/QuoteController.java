package io.flashsale.marketing.pricing;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;

import io.flashsale.platform.degrade.Grade;
import io.flashsale.platform.degrade.Graded;

import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A signed-in shopper asks what a basket costs. The shopper is the token's subject; the
 * list prices are inventory-service's. IMPORTANT: a quote is what checkout will need, but
 * a stale one is never served in its place (503 degraded while shed).
 */
@RestController
class QuoteController {

	private final QuoteService quotes;

	QuoteController(QuoteService quotes) {
		this.quotes = quotes;
	}

	/**
	 * Quotes a basket: per line the list price, each promotion and coupon with its share,
	 * and what the shopper pays; gift lines; the total; and a signature the checkout
	 * checks before honouring it until {@code expiresAt}.
	 */
	@PostMapping("/api/quotes")
	@Graded(Grade.IMPORTANT)
	@ApiResponse(responseCode = "200", description = "The signed quote", useReturnTypeSchema = true)
	@ApiResponse(responseCode = "400",
			description = "invalid-request: no lines or more than 50, a quantity outside 1-99, a repeated skuId or coupon id",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "401", description = "unauthorized: no valid token",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "422",
			description = "sku-not-found, sku-not-priced, mixed-currencies, or coupon-not-usable (a coupon sent is not "
					+ "one the shopper may use now); no quote is made",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "503", description = "inventory-unavailable: list prices could not be read",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	Quote quote(@Valid @RequestBody QuoteRequest request, @AuthenticationPrincipal Jwt shopper) {
		return this.quotes.quote(request, shopper.getSubject());
	}

}
