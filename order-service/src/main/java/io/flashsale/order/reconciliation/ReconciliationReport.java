package io.flashsale.order.reconciliation;

import java.util.List;
import java.util.Map;

/**
 * One flash sale checked against the invariants. After traffic stops and queues drain:
 * Redis remaining + units in PENDING_PAYMENT and PAID orders == initial stock; database
 * remaining == Redis remaining; every reservation that holds stock has an order and every
 * PENDING_PAYMENT or PAID order has its reservation; nobody holds more than the limit. A
 * CANCELLED order's units are back once inventory-service has read its
 * {@code OrderCancelled} (its reservation is then CANCELLED); until then they count as
 * held, and only past a grace period as a violation.
 *
 * @param flashSaleId the sale
 * @param initialStock units allocated to the sale
 * @param redisRemaining units left in Redis, -1 when the counters are missing
 * @param databaseRemaining units left in inventory's database, null when it could not be
 * read
 * @param quantityByStatus units per order status
 * @param ordersByStatus orders per order status
 * @param reservationsWithoutOrder reservations holding stock with no order, past the
 * grace period
 * @param reservationsInFlight reservations holding stock within the grace period, not yet
 * written
 * @param ordersWithoutReservation unpaid or paid orders whose reservation is missing or
 * released
 * @param cancelledNotReturned cancelled orders whose reservation still holds their units
 * @param consistent whether no invariant is violated
 * @param violations what is wrong, one line each
 */
record ReconciliationReport(long flashSaleId, long initialStock, long redisRemaining, Long databaseRemaining,
		Map<String, Long> quantityByStatus, Map<String, Long> ordersByStatus, long reservationsWithoutOrder,
		long reservationsInFlight, long ordersWithoutReservation, long cancelledNotReturned, boolean consistent,
		List<String> violations) {

}
