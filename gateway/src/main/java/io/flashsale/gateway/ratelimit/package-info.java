/**
 * Redis token buckets per client IP, per user on purchases and per route, and the
 * blacklist that callers who keep hitting them end up on.
 */
package io.flashsale.gateway.ratelimit;
