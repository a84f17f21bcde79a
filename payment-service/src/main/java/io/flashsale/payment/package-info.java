/**
 * Payments through channels behind one SPI, callbacks, refunds and reconciliation.
 */
package io.flashsale.payment;
