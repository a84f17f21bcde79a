package io.flashsale.loadtest.gatling;

/**
 * One named request's figures from Gatling's report.
 *
 * @param name the request's name, {@code "<workload> <what>"}
 * @param requests how many were sent
 * @param failed how many failed (KO)
 * @param p50Millis the median response time, over all of them
 * @param p99Millis the 99th percentile, over all of them
 */
record RequestStats(String name, long requests, long failed, long p50Millis, long p99Millis) {
}
