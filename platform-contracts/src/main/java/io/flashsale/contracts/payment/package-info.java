/** Events payment-service publishes. */
package io.flashsale.contracts.payment;
