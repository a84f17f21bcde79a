package io.flashsale.order.reconciliation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.flashsale.order.OrderProperties;
import io.flashsale.order.catalog.FlashSale;
import io.flashsale.order.orders.OrderStatus;
import io.flashsale.order.orders.Orders;
import io.flashsale.stock.Reservation;
import io.flashsale.stock.StockCounters;
import io.flashsale.stock.StockSnapshot;

import org.springframework.stereotype.Service;

/**
 * Compares a sale's Redis counters with its orders, and, when given, inventory's database
 * stock.
 */
@Service
class Reconciliation {

	private final StockCounters counters;

	private final Orders orders;

	private final Clock clock;

	private final OrderProperties properties;

	Reconciliation(StockCounters counters, Orders orders, Clock clock, OrderProperties properties) {
		this.counters = counters;
		this.orders = orders;
		this.clock = clock;
		this.properties = properties;
	}

	/**
	 * @param sale the sale
	 * @param databaseRemaining inventory's remaining stock, or null when unknown
	 * @param databaseProblem why it is unknown, or null
	 */
	ReconciliationReport check(FlashSale sale, Long databaseRemaining, String databaseProblem) {
		Instant now = this.clock.instant();
		// Orders first, Redis second: every written order's reservation was claimed
		// before its insert, so the later snapshot always holds it. The other order could
		// see an order whose reservation the snapshot missed. A cancellation between the
		// two reads shows as a PENDING_PAYMENT order whose units came back: the next run
		// sees it settled.
		List<Orders.StatusTotal> totals = this.orders.totalsBySale(sale.id());
		Map<String, Orders.OrderState> orderStates = new HashMap<>();
		for (Orders.OrderState state : this.orders.statesBySale(sale.id())) {
			orderStates.put(state.id(), state);
		}
		StockSnapshot snapshot = this.counters.snapshot(sale.id());
		Map<String, Long> quantityByStatus = new LinkedHashMap<>();
		Map<String, Long> ordersByStatus = new LinkedHashMap<>();
		for (OrderStatus status : OrderStatus.values()) {
			if (status != OrderStatus.PROCESSING) {
				quantityByStatus.put(status.name(), 0L);
				ordersByStatus.put(status.name(), 0L);
			}
		}
		for (Orders.StatusTotal total : totals) {
			quantityByStatus.put(total.status().name(), total.quantity());
			ordersByStatus.put(total.status().name(), total.orders());
		}
		long ordered = quantityByStatus.get(OrderStatus.PENDING_PAYMENT.name())
				+ quantityByStatus.get(OrderStatus.PAID.name());
		Instant graceCutoff = now.minus(this.properties.reaperGrace());
		Instant returnCutoff = now.minus(this.properties.cancelReturnGrace());
		long withoutOrder = 0;
		long inFlight = 0;
		long heldWithoutOrder = 0;
		long returning = 0;
		long returnsInFlight = 0;
		long returnsOverdue = 0;
		Map<String, Long> heldByUser = new HashMap<>();
		Set<String> holding = new HashSet<>();
		for (Reservation reservation : snapshot.reservations()) {
			if (!reservation.holdsStock()) {
				continue;
			}
			heldByUser.merge(reservation.userId(), (long) reservation.quantity(), Long::sum);
			Orders.OrderState order = orderStates.get(reservation.orderId());
			if (order == null) {
				heldWithoutOrder += reservation.quantity();
				// Young ones are still on their way through Kafka and the writer.
				if (reservation.reservedAt().isAfter(graceCutoff)) {
					inFlight++;
				}
				else {
					withoutOrder++;
				}
			}
			else if (order.status() == OrderStatus.CANCELLED) {
				// Cancelled, and inventory has not returned the units yet: they still
				// count as held until it reads OrderCancelled.
				returning += reservation.quantity();
				if (order.cancelledAt() == null || order.cancelledAt().isAfter(returnCutoff)) {
					returnsInFlight++;
				}
				else {
					returnsOverdue++;
				}
			}
			else {
				holding.add(reservation.orderId());
			}
		}
		long ordersWithoutReservation = orderStates.values()
			.stream()
			.filter((order) -> order.status() != OrderStatus.CANCELLED && !holding.contains(order.id()))
			.count();

		List<String> violations = new ArrayList<>();
		if (!snapshot.warmed()) {
			if (!now.isBefore(sale.startsAt())) {
				violations.add("Redis counters are missing: the sale is paused until they are rebuilt");
			}
		}
		else {
			if (snapshot.initialStock() != sale.stock()) {
				violations.add("Redis initial stock %d differs from the allocated %d".formatted(snapshot.initialStock(),
						sale.stock()));
			}
			if (snapshot.remaining() + ordered + heldWithoutOrder + returning != snapshot.initialStock()) {
				violations.add(
						"Redis remaining %d + ordered %d + reserved without order %d + cancelled not yet returned %d != initial %d"
							.formatted(snapshot.remaining(), ordered, heldWithoutOrder, returning,
									snapshot.initialStock()));
			}
			if (snapshot.remaining() < 0) {
				violations.add("Redis remaining is negative: " + snapshot.remaining());
			}
		}
		if (withoutOrder > 0) {
			violations.add(withoutOrder + " reservations hold stock without an order past the grace period");
		}
		if (returnsOverdue > 0) {
			violations.add(returnsOverdue + " cancelled orders still hold their units past the grace period");
		}
		if (ordersWithoutReservation > 0) {
			violations.add(ordersWithoutReservation + " orders have no reservation holding their stock");
		}
		heldByUser.forEach((user, held) -> {
			if (held > sale.perUserLimit()) {
				violations
					.add("User %s holds %d units, over the limit of %d".formatted(user, held, sale.perUserLimit()));
			}
		});
		if (databaseProblem != null) {
			violations.add(databaseProblem);
		}
		else if (databaseRemaining != null && snapshot.warmed() && databaseRemaining != snapshot.remaining()
				&& inFlight == 0 && returnsInFlight == 0) {
			violations.add("Database remaining %d differs from Redis remaining %d".formatted(databaseRemaining,
					snapshot.remaining()));
		}
		return new ReconciliationReport(sale.id(), sale.stock(), snapshot.remaining(), databaseRemaining,
				quantityByStatus, ordersByStatus, withoutOrder, inFlight, ordersWithoutReservation,
				returnsInFlight + returnsOverdue, violations.isEmpty(), List.copyOf(violations));
	}

}
