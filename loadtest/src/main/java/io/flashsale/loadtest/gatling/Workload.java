package io.flashsale.loadtest.gatling;

import java.util.Arrays;
import java.util.Locale;

/**
 * What one kind of visitor does during a sale; each runs alone or in the mix, and is
 * judged by its own SLO. Every request of a workload is named
 * {@code "<workload> <what>"}, which is how its figures are found in Gatling's report.
 */
enum Workload {

	/** Shoppers rushing one sale at its start: {@code POST /api/orders}. */
	SPIKE,

	/** Sale listing, sale details and the shopper's own orders. */
	BROWSE,

	/**
	 * The payment storm: winners open a payment and confirm it at the sandbox channel,
	 * whose callbacks then reach payment-service.
	 */
	PAY;

	/** The name in the SLO file, on the command line and in request names. */
	String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** Whether a request of Gatling's report belongs to this workload. */
	boolean owns(String requestName) {
		return requestName.startsWith(id() + " ");
	}

	static Workload of(String id) {
		return Arrays.stream(values())
			.filter((workload) -> workload.id().equals(id))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"unknown scenario '" + id + "'; known: spike, browse, pay (and mix on the command line)"));
	}

}
