/** Orders as persisted: the aggregate, its mapper and the shopper's read API. */
package io.flashsale.order.orders;
