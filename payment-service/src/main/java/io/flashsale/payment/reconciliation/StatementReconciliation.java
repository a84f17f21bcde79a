package io.flashsale.payment.reconciliation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import io.flashsale.contracts.Money;
import io.flashsale.payment.PaymentProperties;
import io.flashsale.payment.channel.ChannelTrade;
import io.flashsale.payment.channel.Channels;
import io.flashsale.payment.channel.StatementLine;
import io.flashsale.payment.channel.TradeState;
import io.flashsale.payment.payments.Payment;
import io.flashsale.payment.payments.PaymentRefresh;
import io.flashsale.payment.payments.PaymentStatus;
import io.flashsale.payment.payments.Payments;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Compares a channel's statement with the ledger for a window of trades.
 *
 * <p>
 * What the channel says it took and the ledger does not record as taken is repaired: the
 * payment moves to SUCCEEDED and {@code PaymentSucceeded} goes out, so order-service pays
 * the order if it still waits, or refuses the payment (which refunds it). Everything else
 * that differs (the ledger says taken and the channel does not, amounts that differ,
 * trades nobody here opened, refunds only the channel knows) is flagged in the report and
 * in {@code flashsale.payments.reconciliation.flagged}, for an operator.
 */
@Service
class StatementReconciliation {

	private static final Logger log = LoggerFactory.getLogger(StatementReconciliation.class);

	private final Channels channels;

	private final Payments payments;

	private final PaymentRefresh refresh;

	private final ReconciliationReports reports;

	private final PaymentProperties properties;

	private final JsonMapper json;

	private final MeterRegistry meters;

	private final Map<String, AtomicInteger> flaggedGauges = new ConcurrentHashMap<>();

	StatementReconciliation(Channels channels, Payments payments, PaymentRefresh refresh, ReconciliationReports reports,
			PaymentProperties properties, JsonMapper json, MeterRegistry meters) {
		this.channels = channels;
		this.payments = payments;
		this.refresh = refresh;
		this.reports = reports;
		this.properties = properties;
		this.json = json;
		this.meters = meters;
	}

	/**
	 * Every channel, over the configured window ending {@code lag} ago.
	 */
	@Scheduled(fixedDelayString = "${flashsale.payment.reconciliation.interval:5m}",
			initialDelayString = "${flashsale.payment.reconciliation.interval:5m}")
	void scheduled() {
		Instant to = Instant.now().minus(this.properties.reconciliation().lag());
		Instant from = to.minus(this.properties.reconciliation().window());
		for (String channel : this.channels.names()) {
			try {
				run(channel, from, to);
			}
			catch (RuntimeException ex) {
				log.warn("Reconciliation of {} failed; the next run retries: {}", channel, ex.toString());
			}
		}
	}

	/**
	 * Compares and repairs one channel's trades created in {@code [from, to)}.
	 * @throws io.flashsale.payment.channel.ChannelUnavailable when the statement cannot
	 * be fetched
	 */
	ReconciliationReport run(String channel, Instant from, Instant to) {
		List<StatementLine> statement = this.channels.call(channel, (client) -> client.statement(from, to));
		Map<String, Payment> ledger = this.payments.findByChannelCreated(channel, from, to)
			.stream()
			.collect(Collectors.toMap(Payment::id, Function.identity()));
		List<Finding> findings = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		int matched = 0;
		for (StatementLine line : statement) {
			Payment payment = null;
			if (line.merchantRef() != null) {
				payment = ledger.containsKey(line.merchantRef()) ? ledger.get(line.merchantRef())
						: this.payments.find(line.merchantRef()).orElse(null);
			}
			if (payment == null || !channel.equals(payment.channel())) {
				findings.add(new Finding("unknown-at-ledger", line.merchantRef(), line.tradeNo(), null,
						line.state().name(), null, line.amountCents()));
				continue;
			}
			seen.add(payment.id());
			Finding finding = compare(payment, line);
			if (finding == null) {
				matched++;
			}
			else {
				findings.add(finding);
			}
		}
		for (Payment payment : ledger.values()) {
			if (!seen.contains(payment.id()) && payment.status().moneyTaken()) {
				findings.add(new Finding("missing-at-channel", payment.id(), payment.tradeNo(), payment.status().name(),
						null, payment.amountCents(), null));
			}
		}
		int repaired = (int) findings.stream().filter((finding) -> !finding.flagged()).count();
		int flagged = findings.size() - repaired;
		ReconciliationReport report = new ReconciliationReport(channel, from, to, Instant.now(), matched, repaired,
				flagged, List.copyOf(findings));
		this.reports.insert(channel, from, to, report.ranAt(), matched, repaired, flagged,
				this.json.writeValueAsString(findings));
		record(report);
		return report;
	}

	List<ReconciliationReport> latest() {
		return this.reports.latestPerChannel()
			.stream()
			.map((stored) -> new ReconciliationReport(stored.channel(), stored.windowFrom(), stored.windowTo(),
					stored.ranAt(), stored.matched(), stored.repaired(), stored.flagged(),
					this.json.readValue(stored.findings(), new TypeReference<List<Finding>>() {
					})))
			.toList();
	}

	/**
	 * @return null when the two agree
	 */
	private Finding compare(Payment payment, StatementLine line) {
		if (!payment.amount().equals(Money.of(line.amountCents(), Money.CNY))) {
			return finding("amount-mismatch", payment, line);
		}
		TradeState state = line.state();
		PaymentStatus status = payment.status();
		if (state == TradeState.PAID) {
			if (status.moneyTaken()) {
				return null;
			}
			boolean repaired = this.refresh.apply(payment, new ChannelTrade(line.tradeNo(), line.merchantRef(),
					line.orderId(), line.amountCents(), state, line.paidAt()), "reconciliation");
			return repaired ? finding(Finding.REPAIRED, payment, line) : finding("not-repaired", payment, line);
		}
		if (state == TradeState.REFUNDED) {
			return (status == PaymentStatus.REFUNDED || status == PaymentStatus.REFUNDING) ? null
					: finding("refunded-at-channel-only", payment, line);
		}
		return status.moneyTaken() ? finding("not-paid-at-channel", payment, line) : null;
	}

	private static Finding finding(String kind, Payment payment, StatementLine line) {
		return new Finding(kind, payment.id(), line.tradeNo(), payment.status().name(), line.state().name(),
				payment.amountCents(), line.amountCents());
	}

	private void record(ReconciliationReport report) {
		this.flaggedGauges.computeIfAbsent(report.channel(), (channel) -> {
			AtomicInteger value = new AtomicInteger();
			Gauge.builder("flashsale.payments.reconciliation.flagged", value, AtomicInteger::get)
				.description("Differences the latest statement reconciliation flagged for an operator")
				.tag("channel", channel)
				.register(this.meters);
			return value;
		}).set(report.flagged());
		Counter.builder("flashsale.payments.reconciliation.repaired")
			.description("Payments paid at the channel that reconciliation recorded as SUCCEEDED")
			.tag("channel", report.channel())
			.register(this.meters)
			.increment(report.repaired());
		if (report.flagged() > 0) {
			log.warn("Reconciliation of {} [{}, {}): {} matched, {} repaired, {} flagged: {}", report.channel(),
					report.from(), report.to(), report.matched(), report.repaired(), report.flagged(),
					report.findings());
		}
	}

}
