/**
 * Degrade switches: their one definition ({@code Switch}), live reads, endpoint grades
 * and shedding, refresh by bus and poll.
 */
package io.flashsale.platform.degrade;
