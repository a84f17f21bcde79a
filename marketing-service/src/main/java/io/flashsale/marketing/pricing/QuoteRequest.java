package io.flashsale.marketing.pricing;

import java.util.HashSet;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/quotes}: what the shopper wants, never a price.
 *
 * @param lines 1 to 50 lines, each SKU once
 * @param couponIds up to 5 coupons the shopper holds, each once; the best usable one
 * applies
 */
record QuoteRequest(@NotNull @Size(min = 1, max = 50) List<@NotNull @Valid Line> lines,
		@Size(max = 5) List<@NotBlank @Size(max = 64) String> couponIds) {

	List<String> coupons() {
		return (this.couponIds != null) ? this.couponIds : List.of();
	}

	@JsonIgnore
	@AssertTrue(message = "each skuId may appear on one line only")
	boolean isEachSkuOnce() {
		if (this.lines == null) {
			return true;
		}
		HashSet<Long> seen = new HashSet<>();
		return this.lines.stream().allMatch((line) -> line == null || line.skuId() == null || seen.add(line.skuId()));
	}

	@JsonIgnore
	@AssertTrue(message = "each coupon id may appear once")
	boolean isEachCouponOnce() {
		return this.couponIds == null || new HashSet<>(this.couponIds).size() == this.couponIds.size();
	}

	/**
	 * One line.
	 *
	 * @param skuId the item
	 * @param quantity 1 to 99 units
	 */
	record Line(@NotNull @Positive Long skuId, @NotNull @Min(1) @Max(99) Integer quantity) {

	}

}
