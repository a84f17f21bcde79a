package io.flashsale.marketing.inventory;

/**
 * inventory-service answered and refused the allocation: nothing was taken, and repeating
 * the same call will be refused again.
 */
public class AllocationRefused extends RuntimeException {

	private final Reason reason;

	AllocationRefused(Reason reason) {
		super(reason.name(), null, false, false);
		this.reason = reason;
	}

	public Reason reason() {
		return this.reason;
	}

	public enum Reason {

		/** The SKU has fewer units left than asked for. */
		INSUFFICIENT_STOCK,

		/** No such SKU. */
		SKU_NOT_FOUND,

		/** The sale already holds an allocation of another SKU or quantity. */
		ALLOCATION_CONFLICT

	}

}
