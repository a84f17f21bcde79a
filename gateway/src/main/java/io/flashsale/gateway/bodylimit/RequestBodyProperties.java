package io.flashsale.gateway.bodylimit;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Request body limits ({@code flashsale.gateway.request-body.*}).
 *
 * @param maxSize the largest body the gateway accepts; no shopper API needs more than a
 * few kilobytes, and the gateway holds each body in memory (bodies are cached so a
 * breaker fallback can see them)
 */
@Validated
@ConfigurationProperties("flashsale.gateway.request-body")
record RequestBodyProperties(@DefaultValue("64KB") @NotNull DataSize maxSize) {

	RequestBodyProperties {
		if (maxSize != null && maxSize.toBytes() < 1) {
			throw new IllegalArgumentException("flashsale.gateway.request-body.max-size must be positive");
		}
	}

}
