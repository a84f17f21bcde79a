package io.flashsale.configserver.plans;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Ops' plan API (role ADMIN, through the platform's security).
 */
@RestController
@RequestMapping("/api/admin/plans")
class PlanController {

	private final PlanCatalog catalog;

	private final PlanScheduler scheduler;

	PlanController(PlanCatalog catalog, PlanScheduler scheduler) {
		this.catalog = catalog;
		this.scheduler = scheduler;
	}

	@GetMapping
	List<Plan> plans() {
		return this.catalog.plans();
	}

	/**
	 * Applies a plan now (200, a new version) or schedules it (202).
	 */
	@PostMapping("/{name}/apply")
	ResponseEntity<PlanScheduler.PlanApplication> apply(@PathVariable String name,
			@Valid @RequestBody ApplyPlan request, @AuthenticationPrincipal Jwt caller) {
		PlanScheduler.PlanApplication application = this.scheduler.apply(name, request.at(), request.until(),
				request.reason(), caller.getSubject());
		return ResponseEntity.status(application.applied() ? HttpStatus.OK : HttpStatus.ACCEPTED).body(application);
	}

	@GetMapping("/scheduled")
	List<ScheduledPlan> scheduled() {
		return this.scheduler.scheduled();
	}

	@DeleteMapping("/scheduled/{id}")
	ScheduledPlan cancel(@PathVariable String id, @AuthenticationPrincipal Jwt caller) {
		return this.scheduler.cancel(id, caller.getSubject());
	}

	/**
	 * Applies a plan.
	 *
	 * @param at when to apply it (ISO-8601 instant); absent: now
	 * @param until when to restore the values it replaces; absent: never
	 * @param reason why, for the audit
	 */
	record ApplyPlan(Instant at, Instant until, @NotBlank @Size(max = 500) String reason) {

	}

}
