package io.flashsale.marketing.pricing;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The price engine's tunables; {@code config-repo/marketing-service.yml} mirrors these
 * defaults.
 *
 * @param quoteSecret HMAC-SHA256 key signing quotes, at least 32 bytes; required outside
 * the {@code local} profile, where a built-in one exists (see {@link QuoteSigner})
 * @param quoteTtl how long the checkout honours a quote
 * @param promotionsRefresh how often each instance reloads the promotions it holds
 * @param stacking per stage, the stages it may combine with; a stage left out combines
 * with all (see {@link StackingMatrix})
 */
@Validated
@ConfigurationProperties("flashsale.pricing")
record PricingProperties(String quoteSecret,
		@DefaultValue("10m") @NotNull @DurationMin(seconds = 10) @DurationMax(hours = 1) Duration quoteTtl,
		@DefaultValue("30s") @NotNull @DurationMin(millis = 100) Duration promotionsRefresh,
		Map<Stage, Set<Stage>> stacking) {

	StackingMatrix stackingMatrix() {
		return new StackingMatrix(this.stacking);
	}

}
