/**
 * The sandbox wallets sandpay and quickwallet: their own books, shopper confirmation,
 * signed callbacks with retries, and misbehaviour on demand.
 */
package io.flashsale.payment.sandbox;
