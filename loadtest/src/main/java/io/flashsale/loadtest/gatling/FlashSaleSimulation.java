package io.flashsale.loadtest.gatling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The suite's workloads as Gatling scenarios, open model: visitors arrive at the plan's
 * rates whatever the answers do, each a new shopper with a token of their own.
 * <ul>
 * <li>spike: arrivals ramp to the full rate over the first fifth of the run (the sale's
 * opening), then hold; each shopper tries once to buy one unit.
 * <li>browse: the sale listing, the sale's details and the shopper's own orders.
 * <li>pay: a winner waits for the order to be written, opens a payment (routing picks the
 * channel) and confirms it at the channel, which then calls payment-service back. Alone,
 * the storm's winners buy first (requests {@code winners purchase}, not judged by an
 * SLO), then all of them pay at the rate; in the mix, payers start a third of the way in
 * and pay the spike's winners.
 * </ul>
 * Every request is named {@code "<workload> <what>"}; the SLO file becomes one Gatling
 * assertion per request (p99, failed percentage), so the report shows them too.
 */
public class FlashSaleSimulation extends Simulation {

	/**
	 * A deliberate purchase answer: accepted, sold out or over limit, rate-limited, or
	 * not accepted.
	 */
	private static final Integer[] PURCHASE_ANSWERS = { 202, 409, 429, 503 };

	/** How often a payer reads an order still being written before giving up. */
	private static final int ORDER_POLLS = 40;

	private static final Map<Workload, List<String>> REQUESTS = Map.of(Workload.SPIKE, List.of("spike purchase"),
			Workload.BROWSE, List.of("browse sales", "browse sale", "browse my orders"), Workload.PAY,
			List.of("pay order status", "pay start payment", "pay confirm at channel"));

	public FlashSaleSimulation() {
		RunPlan plan = RunPlan.current();
		HttpProtocolBuilder protocol = http.baseUrl(plan.url())
			.acceptHeader("application/json")
			.userAgentHeader("flashsale-loadtest");
		List<PopulationBuilder> populations = new ArrayList<>();
		for (Workload workload : plan.workloads()) {
			populations.add(population(plan, workload));
		}
		setUp(populations).protocols(protocol)
			.assertions(assertions(plan))
			.maxDuration(plan.duration().multipliedBy(3).plusSeconds(60));
	}

	private static PopulationBuilder population(RunPlan plan, Workload workload) {
		double rate = plan.rates().get(workload);
		long seconds = plan.duration().toSeconds();
		return switch (workload) {
			case SPIKE -> {
				long ramp = Math.max(1, seconds / 5);
				yield scenario("spike").exec(purchase(plan, "spike purchase"))
					.injectOpen(rampUsersPerSec(Math.max(1, rate / 10)).to(rate).during(ramp),
							constantUsersPerSec(rate).during(seconds - ramp));
			}
			case BROWSE -> scenario("browse").exec(browse(plan)).injectOpen(constantUsersPerSec(rate).during(seconds));
			case PAY -> {
				if (plan.workloads().size() == 1) {
					yield scenario("winners").exec(purchase(plan, "winners purchase"))
						.injectOpen(constantUsersPerSec(rate).during(seconds))
						.andThen(scenario("pay").exec(pay(plan)).injectOpen(constantUsersPerSec(rate).during(seconds)));
				}
				long wait = seconds / 3;
				yield scenario("pay").exec(pay(plan))
					.injectOpen(nothingFor(wait), constantUsersPerSec(rate).during(seconds - wait));
			}
		};
	}

	/** A new shopper buys one unit once; a 202's order joins the winners. */
	private static ChainBuilder purchase(RunPlan plan, String name) {
		Tally tally = plan.tally();
		String body = "{\"flashSaleId\":" + plan.saleId() + ",\"quantity\":1}";
		return exec((session) -> newShopper(plan, session).set("key", UUID.randomUUID().toString()))
			.exec(http(name).post("/api/orders")
				.header("Authorization", "Bearer #{token}")
				.header("Idempotency-Key", "#{key}")
				.body(StringBody(body))
				.asJson()
				.check(status().not(0).saveAs("status"), status().in(PURCHASE_ANSWERS))
				.checkIf((response, session) -> response.status().code() == 202)
				.then(jmesPath("orderId").saveAs("orderId")))
			.exec((session) -> {
				tally.answered(session.contains("status") ? session.getInt("status") : 0);
				if (session.contains("status") && session.getInt("status") == 202) {
					tally.accepted.incrementAndGet();
					if (session.contains("orderId")) {
						tally.won(new Tally.Winner(session.getString("token"), session.getString("orderId")));
					}
				}
				return session;
			});
	}

	private static ChainBuilder browse(RunPlan plan) {
		return exec((session) -> newShopper(plan, session))
			.exec(http("browse sales").get("/api/flash-sales?size=20")
				.header("Authorization", "Bearer #{token}")
				.check(status().is(200)))
			.exec(http("browse sale").get("/api/flash-sales/" + plan.saleId())
				.header("Authorization", "Bearer #{token}")
				.check(status().is(200)))
			.exec(http("browse my orders").get("/api/orders?size=20")
				.header("Authorization", "Bearer #{token}")
				.check(status().is(200)));
	}

	/** A winner pays their order; a payer who finds no winner left does nothing. */
	private static ChainBuilder pay(RunPlan plan) {
		Tally tally = plan.tally();
		return exec((session) -> {
			Tally.Winner winner = tally.unpaid.poll();
			if (winner == null) {
				tally.payersWithoutWinner.incrementAndGet();
				return session.set("orderId", "");
			}
			return session.set("token", winner.token()).set("orderId", winner.orderId()).set("orderStatus", "");
		}).doIf((session) -> !session.getString("orderId").isEmpty())
			.then(asLongAs((session) -> !pending(session) && polls(session) < ORDER_POLLS, "polls")
				.on(exec(http("pay order status").get("/api/orders/#{orderId}")
					.header("Authorization", "Bearer #{token}")
					.check(status().in(200, 202), jmesPath("status").saveAs("orderStatus")))
					.doIf((session) -> !pending(session))
					.then(pause(Duration.ofMillis(200))))
				.doIf(FlashSaleSimulation::pending)
				.then(exec(http("pay start payment").post("/api/payments")
					.header("Authorization", "Bearer #{token}")
					.body(StringBody("{\"orderId\":\"#{orderId}\"}"))
					.asJson()
					.check(status().is(201), jmesPath("payUrl").saveAs("payUrl")))
					.doIf((session) -> session.contains("payUrl"))
					.then(exec(http("pay confirm at channel").post("#{payUrl}")
						.body(StringBody("{}"))
						.asJson()
						.check(status().is(200).saveAs("confirmed"))).exec((session) -> {
							if (session.contains("confirmed")) {
								tally.paid
									.add(new Tally.Winner(session.getString("token"), session.getString("orderId")));
							}
							return session;
						}))));
	}

	private static Session newShopper(RunPlan plan, Session session) {
		return session.set("token", plan.credentials().shopper(plan.tally().shoppers.getAndIncrement()));
	}

	private static boolean pending(Session session) {
		return "PENDING_PAYMENT".equals(session.getString("orderStatus"));
	}

	private static int polls(Session session) {
		return session.contains("polls") ? session.getInt("polls") : 0;
	}

	private static List<Assertion> assertions(RunPlan plan) {
		List<Assertion> assertions = new ArrayList<>();
		for (Workload workload : plan.workloads()) {
			Slo slo = plan.slos().of(workload);
			for (String request : REQUESTS.get(workload)) {
				assertions.add(details(request).responseTime().percentile(99.0).lt((int) slo.p99Millis()));
				assertions.add(details(request).failedRequests().percent().lte(100 * slo.maxErrorRatio()));
			}
		}
		return assertions;
	}

}
