/** The payment aggregate, its ledger, its transitions and the shoppers' payment API. */
package io.flashsale.payment.payments;
