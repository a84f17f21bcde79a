package io.flashsale.loadtest.gatling;

import java.nio.file.Path;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import io.flashsale.loadtest.GatewayOption;

/** The options of {@code ./flashsale loadtest}, with their defaults. */
@Command(name = "flashsale loadtest", sortOptions = false,
		description = "The Gatling suite: one workload or the mix against a fresh sale, judged by the SLO file "
				+ "and the sale's books; exits 1 on any miss.")
final class LoadTestOptions {

	@Option(names = "--scenario", paramLabel = "NAME",
			description = "spike, browse, pay or mix (all of them, in the SLO file's mix-share) (default: ${DEFAULT-VALUE})")
	String scenario = "mix";

	@Mixin
	GatewayOption gateway = new GatewayOption();

	@Option(names = "--duration", paramLabel = "SECONDS",
			description = "how long arrivals go on; pay buys its winners first for as long (default: ${DEFAULT-VALUE})")
	int duration = 10;

	@Option(names = "--rate", paramLabel = "N",
			description = "new visitors per second, open model, split by mix-share in the mix (default: ${DEFAULT-VALUE})")
	double rate = 30;

	@Option(names = "--units", paramLabel = "N",
			description = "stock of the sale; pay raises it to rate x duration so every buyer wins (default: ${DEFAULT-VALUE})")
	int units = 50;

	@Option(names = "--slo", paramLabel = "FILE", description = "the SLO file (default: the bundled slo.yml)")
	Path slo;

	@Option(names = "--credentials", paramLabel = "FILE",
			description = "admin=TOKEN and shopper.N=TOKEN lines (default: tokens minted from FLASHSALE_JWT_SECRET or "
					+ "the local secret)")
	Path credentials;

	@Option(names = "--results", paramLabel = "DIR",
			description = "where each run gets its folder <timestamp>/ (default: ${DEFAULT-VALUE})")
	Path results = Path.of("loadtest", "target", "gatling-runs");

	@Option(names = { "-h", "--help" }, usageHelp = true, description = "this text")
	boolean help;

	/** The workloads this run drives. */
	List<Workload> workloads() {
		return this.scenario.equals("mix") ? List.of(Workload.values()) : List.of(Workload.of(this.scenario));
	}

	String url() {
		return this.gateway.url();
	}

	/**
	 * Refuses values the suite cannot run with.
	 * @throws IllegalArgumentException naming what is needed
	 */
	void check() {
		workloads();
		if (this.duration < 3 || this.duration > 3600 || this.rate <= 0 || this.rate > 10_000 || this.units < 1) {
			throw new IllegalArgumentException("Need duration in 3..3600 s, rate in (0, 10000] and units >= 1");
		}
	}

}
