/** Events marketing-service publishes. */
package io.flashsale.contracts.marketing;
