package io.flashsale.inventory;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * inventory-service tunables ({@code flashsale.inventory.*}); mirrored with the same
 * defaults in {@code config-repo/inventory-service.yml}.
 *
 * @param warmUp the scheduled warmer of Redis stock counters
 * @param retry how Kafka consumers retry transient failures
 */
@ConfigurationProperties("flashsale.inventory")
@Validated
public record InventoryProperties(@Valid @NotNull @DefaultValue WarmUp warmUp,
		@Valid @NotNull @DefaultValue Retry retry) {

	/**
	 * Sales with a known window, not warmed yet, ending in the future and starting within
	 * {@code lead} are warmed every {@code interval}.
	 *
	 * @param enabled whether this instance runs the scheduled warmer
	 * @param interval the delay between two runs
	 * @param lead how long before its start a sale's counters are created
	 * @param batchSize most sales warmed per run
	 */
	public record WarmUp(@DefaultValue("true") boolean enabled,
			@NotNull @DurationMin(millis = 50) @DurationMax(hours = 1) @DefaultValue("5s") Duration interval,
			@NotNull @DurationMin(seconds = 0) @DurationMax(days = 7) @DefaultValue("10m") Duration lead,
			@Min(1) @Max(10_000) @DefaultValue("100") int batchSize) {

	}

	/**
	 * Exponential backoff between retries of a record that failed for a transient reason.
	 * There is no attempt limit: a placed order's decrement must never be dropped.
	 *
	 * @param initialInterval the first delay
	 * @param multiplier the growth per retry
	 * @param maxInterval the longest delay
	 */
	public record Retry(@NotNull @DurationMin(millis = 1) @DefaultValue("500ms") Duration initialInterval,
			@DecimalMin("1.0") @DecimalMax("10.0") @DefaultValue("2.0") double multiplier,
			@NotNull @DurationMin(millis = 1) @DurationMax(minutes = 10) @DefaultValue("30s") Duration maxInterval) {

	}

}
