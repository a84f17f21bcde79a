/**
 * Cancels unpaid orders at their deadline: the Redis delayed-cancel queue, and the
 * database sweep behind it.
 */
package io.flashsale.order.expiry;
