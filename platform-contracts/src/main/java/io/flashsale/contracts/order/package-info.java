/** Events order-service publishes. */
package io.flashsale.contracts.order;
