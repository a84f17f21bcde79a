/**
 * Degrade switches: live switch reads, endpoint grades and shedding, refresh by bus and
 * poll.
 */
package io.flashsale.platform.degrade;
