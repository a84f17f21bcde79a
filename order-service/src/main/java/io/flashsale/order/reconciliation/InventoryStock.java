package io.flashsale.order.reconciliation;

import java.time.Duration;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.platform.resilience.CallDefaults;
import io.flashsale.platform.resilience.ResilientCalls;

import org.springframework.web.client.HttpClientErrorException;

/**
 * Reads a sale's database stock from inventory-service for reconciliation, through the
 * {@code inventory} bulkhead, circuit breaker and time limit
 * ({@code resilience4j.*.instances.inventory}, defaults in {@link #DEFAULTS}).
 *
 * <p>
 * It never throws: without an answer (inventory down, slow, its breaker open, too many
 * reconciliations at once) the report says the database stock is unknown and why. A 4xx
 * is inventory's answer (no allocation for the sale, a token it refuses), not a failure.
 */
class InventoryStock {

	/** The Resilience4j instance name of the call. */
	static final String CALL = "inventory";

	/**
	 * An admin's reconciliation: a few at a time, 5 s each (the read timeout's default).
	 */
	static final CallDefaults DEFAULTS = CallDefaults.standard(Duration.ofSeconds(5))
		.withBulkhead(BulkheadConfig.custom().maxConcurrentCalls(5).maxWaitDuration(Duration.ZERO).build());

	private static final Logger logger = LoggerFactory.getLogger(InventoryStock.class);

	private final InventoryClient client;

	private final ResilientCalls calls;

	InventoryStock(InventoryClient client, ResilientCalls calls) {
		this.client = client;
		this.calls = calls;
		calls.prepare(CALL, DEFAULTS);
	}

	/**
	 * The sale's remaining units in inventory's database.
	 * @param flashSaleId the sale
	 * @param authorization the admin's {@code Authorization} header, relayed
	 * @return the units, or unknown with the reason
	 */
	Reading read(long flashSaleId, String authorization) {
		return this.calls.call(CALL, DEFAULTS, () -> {
			try {
				return Reading.of(this.client.saleStock(flashSaleId, authorization).remaining());
			}
			catch (HttpClientErrorException ex) {
				return Reading.unknown("inventory-service answered " + ex.getStatusCode().value()
						+ " for the database stock of flash sale " + flashSaleId);
			}
		}, (failure) -> {
			logger.warn("Could not read inventory stock of flash sale {}: {}", flashSaleId, failure.describe());
			return Reading.unknown("Database stock could not be read from inventory-service: " + failure.describe());
		});
	}

	/**
	 * Database stock as read.
	 *
	 * @param remaining units left, or null when unknown
	 * @param problem why it is unknown, or null
	 */
	record Reading(Long remaining, String problem) {

		static Reading of(long remaining) {
			return new Reading(remaining, null);
		}

		static Reading unknown(String problem) {
			return new Reading(null, problem);
		}

	}

}
