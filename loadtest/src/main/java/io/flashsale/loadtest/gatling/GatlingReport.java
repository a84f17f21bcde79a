package io.flashsale.loadtest.gatling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gatling's HTML report of a run, and the per-request figures it writes next to it
 * ({@code js/stats.json}: percentiles 50, 75, 95 and 99 by Gatling's defaults).
 */
final class GatlingReport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private GatlingReport() {
	}

	/** The report folder Gatling made under the run's folder. */
	static Path find(Path runFolder) throws IOException {
		try (Stream<Path> children = Files.list(runFolder)) {
			return children.filter((child) -> Files.isRegularFile(child.resolve("index.html")))
				.findFirst()
				.orElseThrow(() -> new IOException("no Gatling report under " + runFolder));
		}
	}

	/** Every named request of the report, from its {@code js/stats.json}. */
	static List<RequestStats> requests(Path report) throws IOException {
		return requests(JSON.readTree(Files.readString(report.resolve("js").resolve("stats.json"))));
	}

	static List<RequestStats> requests(JsonNode stats) {
		List<RequestStats> requests = new ArrayList<>();
		collect(stats, requests);
		return requests;
	}

	private static void collect(JsonNode node, List<RequestStats> into) {
		JsonNode contents = node.get("contents");
		if (contents == null) {
			return;
		}
		for (JsonNode child : contents) {
			if ("REQUEST".equals(child.path("type").asString())) {
				JsonNode stats = child.get("stats");
				into.add(new RequestStats(child.get("name").asString(), number(stats.get("numberOfRequests")),
						failed(stats.get("numberOfRequests")), number(stats.get("percentiles1")),
						number(stats.get("percentiles4"))));
			}
			else {
				collect(child, into);
			}
		}
	}

	private static long number(JsonNode counts) {
		return asLong(counts.get("total"));
	}

	private static long failed(JsonNode counts) {
		return asLong(counts.get("ko"));
	}

	/** Gatling writes a count or a time as a number, or as "-" when there is none. */
	private static long asLong(JsonNode value) {
		if (value == null || value.isNull()) {
			return 0;
		}
		if (value.isNumber()) {
			return value.asLong();
		}
		String text = value.asString();
		return text.matches("\\d+") ? Long.parseLong(text) : 0;
	}

}
