package io.flashsale.order;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * order-service tunables; config-repo/order-service.yml mirrors the defaults.
 *
 * @param sendTimeout how long a purchase waits for Kafka to acknowledge its reservation
 * before the reservation is released and the shopper gets 503
 * @param soldOutMemory how long an instance answers sold-out from memory before it asks
 * Redis again; heals a lost restock announcement
 * @param reaperGrace how old an unclaimed reservation must be before the reaper releases
 * it
 * @param reaperInterval how often the reaper runs
 * @param reconcileInterval how often the reconciler repairs provable Redis drift
 * @param inventoryUrl where inventory-service answers (reconciliation reads database
 * stock)
 * @param catalogPartitions partitions of the flash-sale topic every instance reads in
 * full
 */
@Validated
@ConfigurationProperties("flashsale.order")
public record OrderProperties(@NotNull @DefaultValue("3s") Duration sendTimeout,
		@NotNull @DefaultValue("5s") Duration soldOutMemory, @NotNull @DefaultValue("2m") Duration reaperGrace,
		@NotNull @DefaultValue("10s") Duration reaperInterval, @NotNull @DefaultValue("30s") Duration reconcileInterval,
		@NotBlank @DefaultValue("http://127.0.0.1:18084") String inventoryUrl,
		@NotBlank @DefaultValue("0-2") String catalogPartitions) {

}
