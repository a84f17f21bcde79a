/**
 * The shoppers' entry: routing, JWT authentication, rate limits and circuit breakers.
 */
package io.flashsale.gateway;
