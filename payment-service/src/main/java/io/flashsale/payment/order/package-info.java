/**
 * The client of order-service: an order's amount, owner and status, asked as the shopper.
 */
package io.flashsale.payment.order;
