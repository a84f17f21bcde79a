package io.flashsale.configserver.switches;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Ops' switch API (role ADMIN, through the platform's security). The caller is the
 * token's subject, recorded in the audit.
 */
@RestController
@RequestMapping("/api/admin/switches")
class SwitchController {

	private final SwitchAdmin switches;

	private final SwitchStore store;

	SwitchController(SwitchAdmin switches, SwitchStore store) {
		this.switches = switches;
		this.store = store;
	}

	@GetMapping
	SwitchList list() {
		long version = this.switches.version();
		return new SwitchList(version, this.switches.list());
	}

	@PutMapping("/{key:flashsale\\..+}")
	SwitchAdmin.SwitchChange set(@PathVariable String key, @Valid @RequestBody SetSwitch request,
			@AuthenticationPrincipal Jwt caller) {
		return this.switches.set(key, request.value(), request.application(), request.reason(), caller.getSubject());
	}

	@GetMapping("/versions")
	List<SwitchVersion> versions() {
		return this.store.versions();
	}

	@PostMapping("/rollback")
	SwitchVersion rollback(@Valid @RequestBody Rollback request, @AuthenticationPrincipal Jwt caller) {
		return this.switches.rollback(request.version(), request.reason(), caller.getSubject());
	}

	@GetMapping("/audit")
	List<AuditEntry> audit(@RequestParam(defaultValue = "50") @Min(1) @Max(1000) int limit) {
		return this.store.audit(limit);
	}

	/**
	 * Sets a switch.
	 *
	 * @param value the new value: a JSON boolean, number or string (its text is accepted
	 * too, as in {@code "true"} or {@code "250"})
	 * @param application one application, or absent for every application
	 * @param reason why, for the audit
	 */
	record SetSwitch(@NotNull Object value,
			@Size(max = 100) @Pattern(regexp = "[a-z0-9-]+",
					message = "must be an application name") String application,
			@NotBlank @Size(max = 500) String reason) {

	}

	/**
	 * Rolls back.
	 *
	 * @param version the version whose overrides become the current ones (0: none)
	 * @param reason why, for the audit
	 */
	record Rollback(@NotNull @PositiveOrZero Long version, @NotBlank @Size(max = 500) String reason) {

	}

	/**
	 * The switches in force.
	 *
	 * @param version the version in force
	 * @param switches every switch
	 */
	record SwitchList(long version, List<SwitchView> switches) {

	}

}
