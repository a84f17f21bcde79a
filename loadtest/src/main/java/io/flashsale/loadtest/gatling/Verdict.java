package io.flashsale.loadtest.gatling;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The pass/fail decision: each workload that ran against its SLO, plus the business
 * checks. One miss fails the run.
 */
final class Verdict {

	private Verdict() {
	}

	/**
	 * Judges the workloads that ran. Each request of a workload must keep its p99 below
	 * the SLO's (a percentile cannot be merged across requests, so the slowest one
	 * decides), and the workload's failed requests over all of its requests must stay
	 * within the error ratio. A workload without a single request fails: it did not run.
	 */
	static List<Check> slo(SloFile slos, List<Workload> ran, List<RequestStats> stats) {
		List<Check> checks = new ArrayList<>();
		for (Workload workload : ran) {
			Slo slo = slos.of(workload);
			List<RequestStats> own = stats.stream().filter((request) -> workload.owns(request.name())).toList();
			if (own.isEmpty()) {
				checks.add(new Check(workload.id() + ": ran", false, "no request of it in the report"));
				continue;
			}
			for (RequestStats request : own) {
				checks.add(new Check("'" + request.name() + "' p99 < " + slo.p99Millis() + " ms",
						request.p99Millis() < slo.p99Millis(), "p50 " + request.p50Millis() + " ms, p99 "
								+ request.p99Millis() + " ms over " + request.requests() + " requests"));
			}
			long requests = own.stream().mapToLong(RequestStats::requests).sum();
			long failed = own.stream().mapToLong(RequestStats::failed).sum();
			double ratio = (double) failed / requests;
			checks
				.add(new Check(workload.id() + ": error ratio <= " + slo.maxErrorRatio(), ratio <= slo.maxErrorRatio(),
						String.format(Locale.ROOT, "%d failed of %d (%.4f)", failed, requests, ratio)));
		}
		return checks;
	}

	static boolean passed(List<Check> checks) {
		return !checks.isEmpty() && checks.stream().allMatch(Check::holds);
	}

	/** Prints each check and the verdict; the same text goes next to the report. */
	static String print(List<Check> checks, PrintStream out) {
		StringBuilder text = new StringBuilder();
		for (Check check : checks) {
			text.append(String.format(Locale.ROOT, "  [%s] %s: %s%n", check.holds() ? "ok" : "MISSED", check.name(),
					check.detail()));
		}
		text.append(passed(checks) ? "PASSED: every SLO and business check held" : "FAILED: see MISSED above")
			.append(System.lineSeparator());
		out.print(text);
		return text.toString();
	}

}
