package io.flashsale.marketing.pricing;

/**
 * The kinds of price reduction, in the fixed order the engine applies them: each later
 * stage sees the amounts the earlier ones left, so a spend threshold is met (or not) on
 * what the shopper would pay so far. Gifts come last and take nothing off.
 */
public enum Stage {

	/** A SKU's unit price cut. */
	ITEM,

	/** N units of a set of SKUs for a price. */
	BUNDLE,

	/** A shop's spend-X-save-Y over its own lines. */
	SHOP,

	/** The platform's spend-X-save-Y over every line. */
	PLATFORM,

	/** One coupon the shopper holds. */
	COUPON,

	/** Zero-priced gift lines once the amount to pay reaches a threshold. */
	GIFT

}
