package io.flashsale.order;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * order-service tunables; config-repo/order-service.yml mirrors the defaults. The
 * purchase-path schedules ({@code flashsale.order.reaper-interval},
 * {@code recovery-interval}, {@code reconcile-interval}) and the catalogue's partitions
 * are read where they apply, with their defaults there.
 *
 * @param sendTimeout how long a purchase waits for Kafka to acknowledge its reservation
 * before the reservation is released and the shopper gets 503
 * @param soldOutMemory how long an instance answers sold-out from memory before it asks
 * Redis again; heals a lost restock announcement
 * @param reaperGrace how old an unclaimed reservation must be before the reaper releases
 * it; it must also be past its hand-off deadline with the writer drained (see
 * {@code ReservationReaper})
 * @param handOffMargin slack added to the send timeout before an unclaimed reservation
 * counts as never handed off: a slow purchase thread and clock skew between instances
 * @param redisReplicas replicas that must hold a reservation before the purchase is
 * acknowledged ({@code WAIT} after the script, like Kafka's {@code acks}); 0 skips the
 * wait
 * @param redisReplicaWait how long a purchase waits for those replicas before it releases
 * the reservation and answers 503
 * @param counterRecovery how long the automatic and the admin counter rebuild wait for
 * the writer to drain
 * @param inventoryUrl where inventory-service answers (reconciliation reads database
 * stock)
 * @param inventoryConnectTimeout how long reconciliation waits to connect to it
 * @param inventoryReadTimeout how long reconciliation waits for its answer
 * @param deadlinePollInterval how often the delayed-cancel queue is polled for due orders
 * @param deadlineClaimBatch the most due orders one poll claims at a time
 * @param sweepInterval how often the database is swept for overdue unpaid orders the
 * queue missed
 * @param sweepGrace how long past its deadline an order must be before the sweep takes it
 * (the queue normally gets there first)
 * @param sweepPageSize orders the sweep reads per query
 * @param cancelReturnGrace how long a cancelled order's units may still be on their way
 * back (inventory has not read {@code OrderCancelled} yet) before reconciliation reports
 * them
 * @param paymentRetryFor how long a payment whose order is not written yet is retried
 * (with backoff) before it goes to the dead-letter topic
 */
@Validated
@ConfigurationProperties("flashsale.order")
public record OrderProperties(@NotNull @DefaultValue("3s") Duration sendTimeout,
		@NotNull @DefaultValue("5s") Duration soldOutMemory, @NotNull @DefaultValue("2m") Duration reaperGrace,
		@NotNull @DefaultValue("10s") Duration handOffMargin, @Min(0) @Max(5) @DefaultValue("0") int redisReplicas,
		@NotNull @DefaultValue("50ms") Duration redisReplicaWait,
		@NotNull @DefaultValue("30s") Duration counterRecovery,
		@NotBlank @DefaultValue("http://127.0.0.1:18084") String inventoryUrl,
		@NotNull @DefaultValue("1s") Duration inventoryConnectTimeout,
		@NotNull @DefaultValue("5s") Duration inventoryReadTimeout,
		@NotNull @DefaultValue("1s") Duration deadlinePollInterval,
		@Min(1) @Max(5000) @DefaultValue("200") int deadlineClaimBatch,
		@NotNull @DefaultValue("30s") Duration sweepInterval, @NotNull @DefaultValue("10s") Duration sweepGrace,
		@Min(1) @Max(5000) @DefaultValue("500") int sweepPageSize,
		@NotNull @DefaultValue("2m") Duration cancelReturnGrace,
		@NotNull @DefaultValue("2m") Duration paymentRetryFor) {

}
