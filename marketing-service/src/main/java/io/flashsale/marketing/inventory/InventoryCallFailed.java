package io.flashsale.marketing.inventory;

/**
 * No usable answer from inventory-service: unreachable, timed out, a 5xx, or an answer
 * this client does not understand. Whether stock was taken is unknown; the allocation is
 * idempotent per sale, so repeating it for the same sale is safe.
 */
public class InventoryCallFailed extends RuntimeException {

	InventoryCallFailed(String message, Throwable cause) {
		super(message, cause);
	}

}
