package io.flashsale.inventory.sku;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/admin/skus}.
 *
 * @param name what the SKU is called, 1 to 120 characters
 * @param stock units on hand, 0 to 10,000,000
 */
record CreateSku(@NotBlank @Size(min = 1, max = 120) String name, @NotNull @Min(0) @Max(10_000_000) Integer stock) {

}
