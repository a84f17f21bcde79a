/**
 * SKU stock of record and allocations to flash sales.
 */
package io.flashsale.inventory;
