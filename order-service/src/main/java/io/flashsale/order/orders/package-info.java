/**
 * Orders as persisted: the aggregate, its mapper, its lifecycle (the only place an order
 * changes state) and the shopper's views. Cancelling is {@code cancellation}.
 */
package io.flashsale.order.orders;
