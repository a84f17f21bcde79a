package io.flashsale.marketing.inventory;

import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.flashsale.platform.resilience.CallDefaults;
import io.flashsale.platform.resilience.ResilientCalls;

import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Allocates flash-sale stock at inventory-service and turns its answers into
 * {@link AllocationRefused} (a definite no) or {@link InventoryCallFailed} (no usable
 * answer).
 *
 * <p>
 * Every call goes through the {@code inventory} bulkhead, circuit breaker and time limit
 * ({@code resilience4j.*.instances.inventory}, defaults in {@link #DEFAULTS}). A refusal
 * is an answer and never counts against the breaker. The fallback, when the breaker is
 * open, the bulkhead full, the time limit passed or the call failed, is
 * {@link InventoryCallFailed}: the sale stays DRAFT and repeating the request with the
 * same {@code Idempotency-Key} completes it.
 */
public class StockAllocations {

	/** The Resilience4j instance name of the allocation call. */
	public static final String CALL = "inventory";

	/**
	 * Allocation is an admin action: a few calls at a time, 3 s each (the read timeout's
	 * default too).
	 */
	static final CallDefaults DEFAULTS = CallDefaults.standard(Duration.ofSeconds(3))
		.withBulkhead(BulkheadConfig.custom().maxConcurrentCalls(10).maxWaitDuration(Duration.ZERO).build());

	private static final Logger log = LoggerFactory.getLogger(StockAllocations.class);

	private final InventoryClient client;

	private final ResilientCalls calls;

	StockAllocations(InventoryClient client, ResilientCalls calls) {
		this.client = client;
		this.calls = calls;
		calls.prepare(CALL, DEFAULTS);
	}

	/**
	 * Takes stock for a sale with the current caller's token.
	 * @param flashSaleId the sale
	 * @param skuId the item
	 * @param quantity units to take
	 * @return the allocation, new or repeated
	 * @throws AllocationRefused when inventory-service refuses
	 * @throws InventoryCallFailed when there is no usable answer
	 */
	public StockAllocation allocate(long flashSaleId, long skuId, int quantity) {
		return this.calls.call(CALL, DEFAULTS, () -> attempt(flashSaleId, skuId, quantity),
				(ex) -> ex instanceof AllocationRefused, (failure) -> {
					log.warn("Allocating stock for flash sale {} gave no answer: {}", flashSaleId, failure.describe());
					throw (failure.cause() instanceof InventoryCallFailed failed) ? failed
							: new InventoryCallFailed(
									"Allocating stock for flash sale " + flashSaleId + ": " + failure.describe(),
									failure.cause());
				});
	}

	private StockAllocation attempt(long flashSaleId, long skuId, int quantity) {
		try {
			StockAllocation allocation = this.client.allocate(flashSaleId,
					new InventoryClient.AllocateStock(skuId, quantity));
			if (allocation == null) {
				throw new InventoryCallFailed("Empty allocation answer for flash sale " + flashSaleId, null);
			}
			return allocation;
		}
		catch (RestClientResponseException ex) {
			throw translate(flashSaleId, ex);
		}
		catch (RestClientException ex) {
			throw new InventoryCallFailed("Allocating stock for flash sale " + flashSaleId + " failed", ex);
		}
	}

	private RuntimeException translate(long flashSaleId, RestClientResponseException ex) {
		String code = problemCode(ex);
		if (ex.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)) {
			return new AllocationRefused(AllocationRefused.Reason.SKU_NOT_FOUND);
		}
		if (ex.getStatusCode().isSameCodeAs(HttpStatus.CONFLICT) && "insufficient-stock".equals(code)) {
			return new AllocationRefused(AllocationRefused.Reason.INSUFFICIENT_STOCK);
		}
		if (ex.getStatusCode().isSameCodeAs(HttpStatus.CONFLICT) && "allocation-conflict".equals(code)) {
			return new AllocationRefused(AllocationRefused.Reason.ALLOCATION_CONFLICT);
		}
		if (ex.getStatusCode().is4xxClientError()) {
			// A 4xx other than the contract's is a bug or a misconfiguration (a token
			// inventory-service does not accept), not the caller's fault.
			log.error("inventory-service refused the allocation for flash sale {}: {} {}", flashSaleId,
					ex.getStatusCode(), code);
		}
		return new InventoryCallFailed(
				"inventory-service answered " + ex.getStatusCode() + " for flash sale " + flashSaleId, ex);
	}

	private static String problemCode(RestClientResponseException ex) {
		try {
			Problem problem = ex.getResponseBodyAs(Problem.class);
			return (problem != null) ? problem.code() : null;
		}
		catch (RuntimeException unreadable) {
			return null;
		}
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Problem(String code) {

	}

}
