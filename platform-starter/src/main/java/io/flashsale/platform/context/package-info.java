/**
 * Request id, user id and traffic mark, carried as tracing baggage over HTTP and Kafka.
 */
package io.flashsale.platform.context;
