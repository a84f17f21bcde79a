/**
 * Synchronous calls to other services: time limit, circuit breaker, bulkhead, fallback.
 */
package io.flashsale.platform.resilience;
