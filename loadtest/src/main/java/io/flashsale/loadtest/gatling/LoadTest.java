package io.flashsale.loadtest.gatling;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.gatling.app.Gatling$;
import tools.jackson.databind.JsonNode;

import io.flashsale.loadtest.CommandLines;
import io.flashsale.loadtest.Gateway;
import io.flashsale.loadtest.SaleSetup;
import io.flashsale.loadtest.Shopper;

/**
 * {@code ./flashsale loadtest}: sets up a fresh sale through the admin API, runs
 * {@link FlashSaleSimulation} with Gatling, then judges the run: each workload against
 * the SLO file (from Gatling's report) and the sale's books (order-service's
 * reconciliation, and every paid order as its shopper sees it). Each run gets a folder
 * {@code <results>/<timestamp>/} holding Gatling's HTML report, the SLO file and the
 * settings it ran with, and the verdict. Exits 0 when everything held, 1 on any miss, 2
 * for a wrong command line or SLO file.
 */
public final class LoadTest {

	private static final String LOGBACK_CONFIGURATION = "logback.configurationFile";

	private static final DateTimeFormatter FOLDER = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
		.withZone(ZoneOffset.UTC);

	private final LoadTestOptions options;

	private final SloFile slos;

	private final String sloText;

	private final Credentials credentials;

	private final Gateway gateway;

	private final SaleSetup setup;

	private final Instant started = Instant.now();

	private LoadTest(LoadTestOptions options, String sloText, Credentials credentials) {
		this.options = options;
		this.sloText = sloText;
		this.slos = SloFile.parse(sloText);
		this.credentials = credentials;
		this.gateway = new Gateway(options.url());
		this.setup = new SaleSetup(this.gateway, credentials.admin(), credentials.shopper(0));
	}

	public static void main(String[] args) throws Exception {
		Locale.setDefault(Locale.ROOT);
		if (System.getProperty(LOGBACK_CONFIGURATION) == null) {
			System.setProperty(LOGBACK_CONFIGURATION, "loadtest-logback.xml");
		}
		LoadTestOptions options = new LoadTestOptions();
		CommandLines.parse(options, args, LoadTestOptions::check, System.out, System.err).ifPresent(System::exit);
		LoadTest loadTest;
		try {
			String run = Long.toString(System.currentTimeMillis(), 36);
			loadTest = new LoadTest(options, readSlo(options.slo), (options.credentials != null)
					? Credentials.fromFile(options.credentials) : Credentials.minted(run));
		}
		catch (IllegalArgumentException ex) {
			System.err.println("flashsale loadtest: " + ex.getMessage());
			System.exit(2);
			return;
		}
		System.exit(loadTest.run(System.out) ? 0 : 1);
	}

	private boolean run(PrintStream out) throws Exception {
		List<Workload> workloads = this.options.workloads();
		Map<Workload, Double> rates = rates(workloads);
		int units = workloads.equals(List.of(Workload.PAY))
				? Math.max(this.options.units, (int) Math.ceil(this.options.rate * this.options.duration))
				: this.options.units;
		Path folder = this.options.results.resolve(FOLDER.format(this.started));
		Files.createDirectories(folder);
		out.printf("setting up a sale of %d units at %s ...%n", units, this.options.url());
		// A pay deadline past the run and its checks: no order expires while it is
		// judged.
		long saleId = this.setup.openSale("Gatling " + FOLDER.format(this.started), units, 1, 1999, 1800);
		Files.writeString(folder.resolve("slo.yml"), this.sloText);
		Files.writeString(folder.resolve("settings.properties"), settings(saleId, units, rates));
		out.printf("flash sale %d open; %s for %d s at %s/s -> %s%n", saleId, this.options.scenario,
				this.options.duration, rates, folder);

		Tally tally = new Tally();
		RunPlan.hand(new RunPlan(this.options.url(), saleId, workloads, rates,
				Duration.ofSeconds(this.options.duration), this.slos, this.credentials, tally));
		System.setProperty("gatling.data.enableAnalytics", "false");
		int gatlingStatus = Gatling$.MODULE$.fromArgs(new String[] { "--simulation",
				FlashSaleSimulation.class.getName(), "--results-folder", folder.toString(), "--run-description",
				this.options.scenario + " at " + this.options.rate + "/s for " + this.options.duration + " s" });

		Path report = GatlingReport.find(folder);
		List<RequestStats> stats = GatlingReport.requests(report);
		printStats(stats, out);
		List<Check> checks = new ArrayList<>();
		checks.add(new Check("Gatling's assertions (the SLO file, per request)", gatlingStatus == 0,
				"Gatling exit status " + gatlingStatus));
		checks.addAll(Verdict.slo(this.slos, workloads, stats));
		if (workloads.contains(Workload.SPIKE) || workloads.contains(Workload.PAY)) {
			checks.addAll(books(saleId, units, tally, out));
		}
		if (workloads.contains(Workload.PAY)) {
			checks.addAll(payments(tally, out));
		}
		out.println();
		String verdict = Verdict.print(checks, out);
		Files.writeString(folder.resolve("verdict.txt"), verdict);
		out.println("report: " + report.resolve("index.html"));
		return Verdict.passed(checks);
	}

	private Map<Workload, Double> rates(List<Workload> workloads) {
		if (workloads.size() == 1) {
			Map<Workload, Double> rates = new EnumMap<>(Workload.class);
			rates.put(workloads.get(0), this.options.rate);
			return rates;
		}
		return this.slos.split(this.options.rate, workloads);
	}

	/**
	 * The sale's books once its orders have drained: no unit sold twice, and every 202
	 * became exactly one order (order-service's reconciliation, as the end-to-end tests
	 * read it).
	 */
	private List<Check> books(long saleId, int units, Tally tally, PrintStream out) {
		long accepted = tally.accepted.get();
		out.printf("purchase answers %s; %d accepted (202), waiting for the orders to drain ...%n", tally.answers(),
				accepted);
		JsonNode report = this.setup.awaitDrained(saleId, accepted);
		long orders = SaleSetup.total(report.get("ordersByStatus"));
		long ordered = SaleSetup.total(report.get("quantityByStatus"));
		long redis = report.get("redisRemaining").asLong();
		out.println("reconciliation: " + report);
		return List.of(new Check("no oversell: 202s <= units", accepted <= units, accepted + " accepted of " + units),
				new Check("no oversell: units ordered + Redis remaining == units", ordered + redis == units,
						ordered + " ordered + " + redis + " remaining of " + units),
				new Check("every 202 an order", orders == accepted, accepted + " accepted, " + orders + " orders"),
				new Check("reconciliation consistent", report.get("consistent").asBoolean(),
						"violations " + report.get("violations")));
	}

	/**
	 * Every order whose payment the channel confirmed is PAID and keeps exactly one
	 * successful payment, read as its shopper would.
	 */
	private List<Check> payments(Tally tally, PrintStream out) throws Exception {
		List<Tally.Winner> paid = tally.paidOrders();
		out.printf("%d payments confirmed at the channel (%d payers found no winner left); checking the orders ...%n",
				paid.size(), tally.payersWithoutWinner.get());
		long notPaid = 0;
		long paidTwice = 0;
		try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
			List<Future<String>> answers = new ArrayList<>();
			for (Tally.Winner winner : paid) {
				answers.add(threads.submit(() -> settle(winner)));
			}
			for (Future<String> answer : answers) {
				String outcome = answer.get();
				notPaid += outcome.equals("not-paid") ? 1 : 0;
				paidTwice += outcome.equals("paid-twice") ? 1 : 0;
			}
		}
		return List.of(new Check("the storm paid orders", !paid.isEmpty(), paid.size() + " confirmed"),
				new Check("every paid order is PAID", notPaid == 0, notPaid + " of " + paid.size() + " not PAID"),
				new Check("no order paid twice", paidTwice == 0,
						paidTwice + " of " + paid.size() + " kept more than one successful payment"));
	}

	private String settle(Tally.Winner winner) {
		Shopper shopper = new Shopper(this.gateway, winner.token());
		try {
			shopper.awaitOrder(winner.orderId(), Set.of("PAID"), Duration.ofSeconds(30));
		}
		catch (IllegalStateException ex) {
			return "not-paid";
		}
		long succeeded = 0;
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		List<JsonNode> payments = shopper.payments(winner.orderId());
		while (System.nanoTime() < deadline && payments.stream()
			.anyMatch((p) -> Set.of("CREATED", "PAYING", "REFUNDING").contains(p.get("status").asString()))) {
			pause();
			payments = shopper.payments(winner.orderId());
		}
		succeeded = payments.stream().filter((p) -> p.get("status").asString().equals("SUCCEEDED")).count();
		return (succeeded == 1) ? "ok" : "paid-twice";
	}

	private String settings(long saleId, int units, Map<Workload, Double> rates) {
		StringBuilder text = new StringBuilder("# ./flashsale loadtest: what this run was\n");
		text.append("started=").append(this.started).append('\n');
		text.append("scenario=").append(this.options.scenario).append('\n');
		text.append("url=").append(this.options.url()).append('\n');
		text.append("rate=").append(this.options.rate).append('\n');
		rates.forEach((workload, rate) -> text.append("rate.")
			.append(workload.id())
			.append('=')
			.append(String.format(Locale.ROOT, "%.2f", rate))
			.append('\n'));
		text.append("duration-seconds=").append(this.options.duration).append('\n');
		text.append("units=").append(units).append('\n');
		text.append("flash-sale-id=").append(saleId).append('\n');
		text.append("slo=").append((this.options.slo != null) ? this.options.slo : "bundled slo.yml").append('\n');
		text.append("credentials=").append(this.credentials.source()).append('\n');
		text.append("gatling=").append(gatlingVersion()).append('\n');
		return text.toString();
	}

	private static void printStats(List<RequestStats> stats, PrintStream out) {
		out.println();
		out.printf("  %-26s %9s %7s %9s %9s%n", "request", "count", "KO", "p50 ms", "p99 ms");
		for (RequestStats request : stats) {
			out.printf("  %-26s %9d %7d %9d %9d%n", request.name(), request.requests(), request.failed(),
					request.p50Millis(), request.p99Millis());
		}
	}

	private static String readSlo(Path file) {
		try {
			if (file != null) {
				return Files.readString(file);
			}
			try (InputStream bundled = LoadTest.class.getResourceAsStream(SloFile.DEFAULT_RESOURCE)) {
				return new String(bundled.readAllBytes(), StandardCharsets.UTF_8);
			}
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("cannot read the SLO file " + file + ": " + ex.getMessage());
		}
	}

	private static String gatlingVersion() {
		String version = Gatling$.class.getPackage().getImplementationVersion();
		return (version != null) ? version : "?";
	}

	private static void pause() {
		try {
			Thread.sleep(250);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
