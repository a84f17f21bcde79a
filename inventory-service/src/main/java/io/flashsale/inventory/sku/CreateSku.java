package io.flashsale.inventory.sku;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import io.flashsale.contracts.Money;

/**
 * Body of {@code POST /api/admin/skus}. The list price is the price of record every quote
 * starts from; it never comes from a shopper.
 *
 * @param name what the SKU is called, 1 to 120 characters
 * @param stock units on hand, 0 to 10,000,000
 * @param listPriceMinor the list price per unit in minor units (cents, fen), 1 to
 * 100,000,000,000
 * @param currency the ISO 4217 code of the price, one with a minor unit (e.g. CNY)
 * @param shopId the shop that sells it; 1 (the platform's own shop) when left out
 */
record CreateSku(@NotBlank @Size(min = 1, max = 120) String name, @NotNull @Min(0) @Max(10_000_000) Integer stock,
		@NotNull @Min(1) @Max(100_000_000_000L) Long listPriceMinor,
		@NotNull @Pattern(regexp = "[A-Z]{3}") String currency, @Positive Long shopId) {

	/** The platform's own shop, for SKUs created without one. */
	static final long DEFAULT_SHOP = 1;

	long shop() {
		return (this.shopId != null) ? this.shopId : DEFAULT_SHOP;
	}

	// Named apart from the components so JSON binding never sees it.
	@JsonIgnore
	@AssertTrue(message = "currency must be a known ISO 4217 currency with a minor unit")
	boolean isKnownCurrency() {
		// A missing or malformed code is the component's own constraint's to report.
		return this.currency == null || !this.currency.matches("[A-Z]{3}") || Money.isCurrencyCode(this.currency);
	}

}
