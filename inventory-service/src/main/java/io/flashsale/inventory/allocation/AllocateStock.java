package io.flashsale.inventory.allocation;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * Body of {@code PUT /api/admin/flash-sale-stock/{flashSaleId}}.
 *
 * @param skuId the SKU to take the stock from
 * @param quantity units to give the sale, 1 to 1,000,000
 */
record AllocateStock(@NotNull @Positive Long skuId, @NotNull @Min(1) @Max(1_000_000) Integer quantity) {

}
