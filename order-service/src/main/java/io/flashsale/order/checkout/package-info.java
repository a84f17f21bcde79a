/** The purchase hot path: one Lua call on Redis and one Kafka send, nothing else. */
package io.flashsale.order.checkout;
