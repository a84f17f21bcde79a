/**
 * Checks a sale's Redis counters, orders and database stock against the invariants, and
 * repairs provable drift.
 */
package io.flashsale.order.reconciliation;
