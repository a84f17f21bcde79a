/** Applies payment-service's successful payments to orders, idempotently. */
package io.flashsale.order.payments;
