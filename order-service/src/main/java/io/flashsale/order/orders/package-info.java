/**
 * Orders as persisted: the aggregate, its mapper, its lifecycle (the only place an order
 * changes state), the delayed-cancel queue and the shopper's API.
 */
package io.flashsale.order.orders;
