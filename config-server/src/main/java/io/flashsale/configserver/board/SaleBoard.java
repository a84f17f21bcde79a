package io.flashsale.configserver.board;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The live sale board: the figures ops watch during a sale, read from Prometheus (which
 * scrapes every instance) with the same expressions as the Grafana board. When Prometheus
 * does not answer, the board says so instead of showing stale or made-up numbers.
 */
@Component
class SaleBoard {

	private static final Logger log = LoggerFactory.getLogger(SaleBoard.class);

	/** Figure name to PromQL, in the order the console shows them. */
	static final Map<String, String> FIGURES;

	static {
		Map<String, String> figures = new LinkedHashMap<>();
		figures.put("ordersAcceptedPerSecond",
				"sum(rate(flashsale_purchases_total{outcome=~\"accepted|accepted-claimed\"}[1m]))");
		figures.put("rejectionsPerSecond",
				"sum by (outcome) (rate(flashsale_purchases_total{outcome!~\"accepted|accepted-claimed|replayed\"}[1m]))");
		figures.put("gmvLast5MinutesCents", "sum(increase(flashsale_gmv_total[5m]))");
		figures.put("stockLeft", "max by (flash_sale) (flashsale_sale_stock_remaining)");
		figures.put("p99Seconds",
				"histogram_quantile(0.99, sum by (application, le) (rate(http_server_requests_seconds_bucket[1m])))");
		figures.put("writerLag", "max(flashsale_orders_writer_lag)");
		figures.put("couponsIssuedPerSecond", "sum(rate(flashsale_coupons_claims_total{outcome=\"issued\"}[1m]))");
		FIGURES = java.util.Collections.unmodifiableMap(figures);
	}

	private final HttpClient http;

	private final URI prometheus;

	private final Duration timeout;

	private final JsonMapper json = JsonMapper.builder().build();

	SaleBoard(@Value("${flashsale.console.prometheus-url:http://127.0.0.1:9090}") URI prometheus,
			@Value("${flashsale.console.prometheus-timeout:2s}") Duration timeout) {
		this.prometheus = prometheus;
		this.timeout = timeout;
		this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
	}

	Board read() {
		Map<String, List<Sample>> figures = new LinkedHashMap<>();
		try {
			for (Map.Entry<String, String> figure : FIGURES.entrySet()) {
				figures.put(figure.getKey(), query(figure.getValue()));
			}
			return new Board(true, this.prometheus.toString(), figures, null);
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			log.debug("Prometheus at {} did not answer: {}", this.prometheus, ex.toString());
			return new Board(false, this.prometheus.toString(), Map.of(), "Prometheus at " + this.prometheus
					+ " does not answer (" + ex.getClass().getSimpleName() + "); set flashsale.console.prometheus-url");
		}
	}

	private List<Sample> query(String promql) throws Exception {
		URI uri = this.prometheus.resolve("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri).timeout(this.timeout).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		JsonNode body = this.json.readTree(response.body());
		if (response.statusCode() != 200 || !"success".equals(body.path("status").asString())) {
			throw new IllegalStateException("query answered " + response.statusCode());
		}
		List<Sample> samples = new ArrayList<>();
		for (JsonNode result : body.path("data").path("result")) {
			Map<String, String> labels = new TreeMap<>();
			result.path("metric")
				.properties()
				.forEach((label) -> labels.put(label.getKey(), label.getValue().asString()));
			double value = Double.parseDouble(result.path("value").get(1).asString());
			if (!Double.isNaN(value)) {
				samples.add(new Sample(labels, value));
			}
		}
		return samples;
	}

	/**
	 * The board.
	 *
	 * @param available whether Prometheus answered
	 * @param source the Prometheus read
	 * @param figures each figure's samples (empty: nothing measured yet)
	 * @param problem why the board is empty, when it is
	 */
	record Board(boolean available, String source, Map<String, List<Sample>> figures, String problem) {
	}

	/**
	 * One value of a figure.
	 *
	 * @param labels what it is of (a sale, an application, a reason)
	 * @param value the value
	 */
	record Sample(Map<String, String> labels, double value) {
	}

}
