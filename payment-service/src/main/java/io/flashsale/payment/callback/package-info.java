/**
 * Channel callbacks: verified (signature, replay, freshness, amount, order), applied
 * once, acknowledged in the channel's format.
 */
package io.flashsale.payment.callback;
