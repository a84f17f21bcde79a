package io.flashsale.marketing;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The service's tunables; {@code config-repo/marketing-service.yml} mirrors these
 * defaults.
 *
 * @param inventoryUrl base URL of inventory-service
 * @param inventoryConnectTimeout time to establish a connection to inventory-service
 * @param inventoryReadTimeout time to wait for inventory-service's answer once connected
 * @param publishTimeout how long creating a sale waits for Kafka to acknowledge its
 * {@code FlashSaleScheduled}; past it the republisher delivers it
 * @param republish the periodic republishing of scheduled sales
 */
@Validated
@ConfigurationProperties("flashsale.marketing")
public record MarketingProperties(@DefaultValue("http://127.0.0.1:18084") @NotNull URI inventoryUrl,
		@DefaultValue("1s") @NotNull @DurationMin(millis = 1) Duration inventoryConnectTimeout,
		@DefaultValue("3s") @NotNull @DurationMin(millis = 1) Duration inventoryReadTimeout,
		@DefaultValue("5s") @NotNull @DurationMin(millis = 1) Duration publishTimeout,
		@DefaultValue @NotNull @Valid Republish republish) {

	/**
	 * Republishing heals a lost {@code FlashSaleScheduled}: every interval each scheduled
	 * sale that has not ended is published again.
	 *
	 * @param interval time between two rounds
	 */
	public record Republish(@DefaultValue("30s") @NotNull @DurationMin(millis = 100) Duration interval) {

	}

}
