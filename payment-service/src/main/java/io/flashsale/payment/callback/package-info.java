/**
 * Channel callbacks: verified (signature, freshness, replay, amount, order), applied
 * once, acknowledged in the channel's format.
 */
package io.flashsale.payment.callback;
