/**
 * Names and shapes every service agrees on: propagated headers and the event envelope.
 */
package io.flashsale.contracts;
