/**
 * The sandbox wallets sandpay and quickwallet, a stand-in third-party payment provider
 * for the local stack: their own books, shopper confirmation, signed callbacks with
 * retries, and misbehaviour on demand. Only in the {@code local} profile
 * ({@link io.flashsale.paymentsandbox.PaymentSandboxAutoConfiguration}).
 */
package io.flashsale.paymentsandbox;
