package io.flashsale.marketing.flashsale;

/**
 * Where a sale stands in its creation, as stored. Shoppers only ever see SCHEDULED sales,
 * shown as {@link FlashSaleView.Status} derived from the clock.
 */
enum FlashSaleStatus {

	/** Saved, stock not (yet known to be) allocated; invisible. */
	DRAFT,

	/** Stock allocated and the campaign published. */
	SCHEDULED,

	/** inventory-service refused the allocation; invisible, final. */
	REJECTED

}
