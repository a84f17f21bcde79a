package io.flashsale.marketing.flashsale;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * What an admin asks for when creating a flash sale. Instants are ISO-8601 and kept to
 * the millisecond.
 *
 * @param skuId the item on sale
 * @param title what shoppers see
 * @param priceCents sale price per unit, in minor units
 * @param stock units to allocate from the SKU's stock
 * @param perUserLimit most units one shopper may hold, at most {@code stock}
 * @param startsAt first instant purchases are accepted
 * @param endsAt first instant purchases are refused again; after {@code startsAt} and in
 * the future
 * @param payTimeoutSeconds how long an order waits for payment
 */
record CreateFlashSale(@NotNull @Positive Long skuId, @NotBlank @Size(max = 120) String title,
		@NotNull @Min(1) @Max(1_000_000_000L) Long priceCents, @NotNull @Min(1) @Max(1_000_000) Integer stock,
		@NotNull @Min(1) @Max(100) Integer perUserLimit, @NotNull Instant startsAt, @NotNull @Future Instant endsAt,
		@NotNull @Min(1) @Max(86_400) Integer payTimeoutSeconds) {

	// Cross-field rules; named apart from the components so JSON binding never sees them.

	@JsonIgnore
	@AssertTrue(message = "perUserLimit must not exceed stock")
	boolean isPerUserLimitWithinStock() {
		return this.perUserLimit == null || this.stock == null || this.perUserLimit <= this.stock;
	}

	@JsonIgnore
	@AssertTrue(message = "endsAt must be after startsAt")
	boolean isEndAfterStart() {
		return this.startsAt == null || this.endsAt == null || this.endsAt.isAfter(this.startsAt);
	}

}
