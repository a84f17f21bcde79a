/**
 * What the gateway answers when a service cannot: circuit-breaker fallbacks and the
 * last-resort error handler, all as problem details.
 */
package io.flashsale.gateway.fallback;
