/**
 * Keeps each allocated sale's window and per-user limit as marketing-service schedules
 * it.
 */
package io.flashsale.inventory.schedule;
