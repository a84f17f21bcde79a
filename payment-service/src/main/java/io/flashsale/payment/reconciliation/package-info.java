/**
 * Statement reconciliation: the channel's statement against the ledger; repairs what it
 * can, flags the rest.
 */
package io.flashsale.payment.reconciliation;
