package io.flashsale.marketing.coupon;

import java.net.URI;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;

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
import org.springframework.web.bind.annotation.RestController;

/**
 * Admins create and read coupon templates ({@code /api/admin/**} is ADMIN only); any
 * signed-in shopper reads one, with the coupons left. Creating is NON_CORE admin work;
 * reading is IMPORTANT.
 */
@RestController
class CouponTemplateController {

	private final CouponTemplateService templates;

	CouponTemplateController(CouponTemplateService templates) {
		this.templates = templates;
	}

	@PostMapping("/api/admin/coupon-templates")
	@Graded(Grade.NON_CORE)
	@ApiResponse(responseCode = "201", description = "Created, claim counters ready; Location names the template",
			useReturnTypeSchema = true)
	@ApiResponse(responseCode = "400", description = "invalid-request: a field, or a rule of its kind, is broken",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "403", description = "forbidden: the caller is not an admin",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "503", description = "coupon-counters-unavailable: nothing was created; retry",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	ResponseEntity<CouponTemplateView> create(@Valid @RequestBody CreateCouponTemplate request,
			@AuthenticationPrincipal Jwt admin) {
		CouponTemplateView template = this.templates.create(request, admin.getSubject());
		return ResponseEntity.created(URI.create("/api/admin/coupon-templates/" + template.id())).body(template);
	}

	@GetMapping("/api/admin/coupon-templates/{id}")
	@Graded(Grade.NON_CORE)
	@ApiResponse(responseCode = "200", description = "The template", useReturnTypeSchema = true)
	@ApiResponse(responseCode = "404", description = "coupon-template-not-found",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	CouponTemplateView get(@PathVariable long id) {
		return this.templates.find(id);
	}

	@GetMapping("/api/coupons/{templateId}")
	@Graded(Grade.IMPORTANT)
	@ApiResponse(responseCode = "200", description = "The template as a shopper sees it, with the coupons left",
			useReturnTypeSchema = true)
	@ApiResponse(responseCode = "404", description = "coupon-template-not-found",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	CouponTemplateView show(@PathVariable long templateId) {
		return this.templates.find(templateId);
	}

}
