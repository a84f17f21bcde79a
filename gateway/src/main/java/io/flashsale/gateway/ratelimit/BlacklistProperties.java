package io.flashsale.gateway.ratelimit;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The automatic blacklist ({@code flashsale.gateway.blacklist.*}): a user or an IP
 * rejected by its rate limit more than {@code maxRejections} times within {@code window}
 * is blocked for {@code blockDuration}.
 *
 * @param enabled whether callers are blocked at all
 * @param maxRejections rejections tolerated within one window (N)
 * @param window the window that counts rejections, starting with the first (M)
 * @param blockDuration how long a caller stays blocked (T)
 */
@Validated
@ConfigurationProperties("flashsale.gateway.blacklist")
record BlacklistProperties(@DefaultValue("true") boolean enabled, @DefaultValue("20") @Positive int maxRejections,
		@DefaultValue("10s") @NotNull @DurationMin(millis = 1) Duration window,
		@DefaultValue("5m") @NotNull @DurationMin(millis = 1) Duration blockDuration) {

}
