/**
 * The client of inventory-service: allocating stock to a flash sale and reading SKUs'
 * list prices.
 */
package io.flashsale.marketing.inventory;
