/**
 * {@code ./flashsale bench}: open-model throughput and latency of the purchase path
 * through the gateway.
 */
package io.flashsale.loadtest.bench;
