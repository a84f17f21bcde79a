/**
 * Warms flash sales' Redis stock counters before they start: on a schedule, or when an
 * admin asks.
 */
package io.flashsale.inventory.warmup;
