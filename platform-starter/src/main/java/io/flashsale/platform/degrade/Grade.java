package io.flashsale.platform.degrade;

/**
 * How much an endpoint matters during a sale. CORE is never shed; the shed switch sheds
 * NON_CORE, or IMPORTANT and NON_CORE together.
 */
public enum Grade {

	/** Buying, paying, reading one's order: never shed. */
	CORE,

	/** Shoppers' reads that help but can wait or be answered from a cache. */
	IMPORTANT,

	/** Admin reports, reconciliation, listings: the first to go. */
	NON_CORE;

	/**
	 * The grade's name as metrics and configuration spell it.
	 * @return {@code core}, {@code important} or {@code non-core}
	 */
	public String tag() {
		return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
	}

}
