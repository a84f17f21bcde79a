package io.flashsale.loadtest.gatling;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What {@link FlashSaleSimulation} is to do. Gatling builds the simulation itself, by
 * class name and in this JVM, so {@link LoadTest} hands the plan over here first.
 *
 * @param url the gateway
 * @param saleId the sale the shoppers buy from and browse
 * @param workloads the workloads to drive
 * @param rates arrivals per second of each workload
 * @param duration how long arrivals go on
 * @param slos the objectives, turned into Gatling assertions too
 * @param credentials the tokens
 * @param tally what the run's answers came to, for the checks after it
 */
record RunPlan(String url, long saleId, List<Workload> workloads, Map<Workload, Double> rates, Duration duration,
		SloFile slos, Credentials credentials, Tally tally) {

	private static final AtomicReference<RunPlan> CURRENT = new AtomicReference<>();

	static void hand(RunPlan plan) {
		CURRENT.set(plan);
	}

	static RunPlan current() {
		RunPlan plan = CURRENT.get();
		if (plan == null) {
			throw new IllegalStateException("FlashSaleSimulation runs through ./flashsale loadtest (LoadTest), "
					+ "which sets up the sale and hands it the plan");
		}
		return plan;
	}

}
