package io.flashsale.loadtest.demo;

import java.io.PrintStream;
import java.util.List;

/**
 * What must hold after a sale, whatever the load: shared/DESIGN.md's invariants as the
 * demo can see them from outside. A new check is one more line in {@link #of}.
 */
final class Invariants {

	private Invariants() {
	}

	static List<Invariant> of(Outcome outcome) {
		long units = outcome.options().units;
		long accepted = outcome.accepted();
		PaymentRound.Payments payments = outcome.payments();
		long redisRemaining = outcome.redisRemaining();
		Long databaseRemaining = outcome.databaseRemaining();
		return List.of(new Invariant("no oversell: accepted <= units", accepted <= units),
				new Invariant("every accepted purchase became one order", outcome.persisted() == accepted),
				new Invariant("every order ended paid or cancelled",
						payments.paid + payments.cancelled == accepted && outcome.ordersPendingPayment() == 0),
				new Invariant("every unpaid order was cancelled and its unit returned",
						redisRemaining == units - payments.paid),
				new Invariant("every paid order keeps exactly one successful payment of its total",
						payments.keptOnePerPaid),
				new Invariant("every other successful payment was refunded",
						payments.refunded == payments.extraPayments),
				new Invariant("Redis remaining + ordered units == units", redisRemaining + outcome.ordered() == units),
				new Invariant("database remaining == Redis remaining",
						databaseRemaining != null && databaseRemaining == redisRemaining),
				new Invariant("reconciliation consistent (limits, reservations, orders)", outcome.consistent()),
				new Invariant("every attempt got a deliberate answer (no errors)",
						outcome.rush().count("errors") == 0));
	}

	/**
	 * Prints each invariant and the verdict.
	 * @return whether all hold
	 */
	static boolean check(Outcome outcome, PrintStream out) {
		out.println();
		boolean ok = true;
		for (Invariant invariant : of(outcome)) {
			out.printf("  [%s] %s%n", invariant.holds() ? "ok" : "FAILED", invariant.name());
			ok &= invariant.holds();
		}
		out.println(ok ? "all invariants hold" : "INVARIANT VIOLATED");
		return ok;
	}

	/**
	 * One invariant, checked.
	 *
	 * @param name what must hold
	 * @param holds whether it does
	 */
	record Invariant(String name, boolean holds) {
	}

}
