package io.flashsale.gateway.ratelimit;

import org.jspecify.annotations.Nullable;

/**
 * Who sent a request, as far as limits and the blacklist are concerned.
 *
 * @param ip the client address, as resolved from the trusted proxy hops
 * @param userId the validated token's subject, {@code null} without a token
 */
record Caller(String ip, @Nullable String userId) {

}
