package io.flashsale.order;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * order-service tunables; config-repo/order-service.yml mirrors the defaults. The
 * schedules ({@code flashsale.order.reaper-interval}, {@code reconcile-interval}) and the
 * catalogue's partitions are read where they apply, with their defaults there.
 *
 * @param sendTimeout how long a purchase waits for Kafka to acknowledge its reservation
 * before the reservation is released and the shopper gets 503
 * @param soldOutMemory how long an instance answers sold-out from memory before it asks
 * Redis again; heals a lost restock announcement
 * @param reaperGrace how old an unclaimed reservation must be before the reaper releases
 * it
 * @param inventoryUrl where inventory-service answers (reconciliation reads database
 * stock)
 * @param inventoryConnectTimeout how long reconciliation waits to connect to it
 * @param inventoryReadTimeout how long reconciliation waits for its answer
 */
@Validated
@ConfigurationProperties("flashsale.order")
public record OrderProperties(@NotNull @DefaultValue("3s") Duration sendTimeout,
		@NotNull @DefaultValue("5s") Duration soldOutMemory, @NotNull @DefaultValue("2m") Duration reaperGrace,
		@NotBlank @DefaultValue("http://127.0.0.1:18084") String inventoryUrl,
		@NotNull @DefaultValue("1s") Duration inventoryConnectTimeout,
		@NotNull @DefaultValue("5s") Duration inventoryReadTimeout) {

}
