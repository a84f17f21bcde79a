/**
 * Allocating SKU stock to flash sales, and the per-sale stock row other features update.
 */
package io.flashsale.inventory.allocation;
