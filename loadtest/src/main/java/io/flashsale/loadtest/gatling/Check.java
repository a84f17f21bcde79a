package io.flashsale.loadtest.gatling;

/**
 * One thing the run is judged by: an SLO or a business outcome.
 *
 * @param name what must hold
 * @param holds whether it did
 * @param detail the figures behind it
 */
record Check(String name, boolean holds, String detail) {
}
