/**
 * The flash sales order-service knows of, learned from marketing's events and kept in
 * memory.
 */
package io.flashsale.order.catalog;
