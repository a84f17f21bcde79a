/**
 * Refunds of payments order-service refused, and closing payments of cancelled orders.
 */
package io.flashsale.payment.refund;
