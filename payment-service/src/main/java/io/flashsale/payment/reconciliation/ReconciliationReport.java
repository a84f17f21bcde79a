package io.flashsale.payment.reconciliation;

import java.time.Instant;
import java.util.List;

/**
 * One comparison of a channel's statement with the ledger.
 *
 * @param channel the channel
 * @param from start of the compared window (inclusive)
 * @param to end of the compared window (exclusive)
 * @param ranAt when it ran
 * @param matched trades that agree
 * @param repaired trades paid at the channel that the ledger now records as SUCCEEDED
 * @param flagged differences left for an operator
 * @param findings the repaired and flagged trades
 */
record ReconciliationReport(String channel, Instant from, Instant to, Instant ranAt, int matched, int repaired,
		int flagged, List<Finding> findings) {

}
