/**
 * Releases reservations that never became orders, for when a process dies mid-purchase.
 */
package io.flashsale.order.reaper;
