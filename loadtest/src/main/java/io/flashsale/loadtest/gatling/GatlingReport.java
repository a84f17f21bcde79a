package io.flashsale.loadtest.gatling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Gatling's HTML report of a run, and the per-request figures of its statistics table.
 * Gatling 3.14 writes them only into {@code index.html} (no {@code stats.json} any more):
 * one row per request, with the count (column 2), the failures (4) and the percentiles
 * 50, 75, 95 and 99 (8 to 11, Gatling's defaults, which the suite keeps).
 */
final class GatlingReport {

	private static final Pattern REQUEST_ROW = Pattern.compile("<tr id=\"req_[^\"]*\"[^>]*>(.*?)</tr>", Pattern.DOTALL);

	private static final Pattern NAME = Pattern.compile("class=\"ellipsed-name\">([^<]*)</span>");

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

	/** Every named request of the report. */
	static List<RequestStats> requests(Path report) throws IOException {
		return requests(Files.readString(report.resolve("index.html")));
	}

	static List<RequestStats> requests(String html) {
		if (!html.contains("<span>99th pct</span>") || !html.contains("<span>50th pct</span>")) {
			throw new IllegalStateException("the report's statistics table has no 50th and 99th percentile columns");
		}
		List<RequestStats> requests = new ArrayList<>();
		Matcher row = REQUEST_ROW.matcher(html);
		while (row.find()) {
			String cells = row.group(1);
			Matcher name = NAME.matcher(cells);
			if (name.find()) {
				requests.add(new RequestStats(unescape(name.group(1).strip()), cell(cells, 2), cell(cells, 4),
						cell(cells, 8), cell(cells, 11)));
			}
		}
		return requests;
	}

	/** A column's value; "-" (no such response) reads as 0. */
	private static long cell(String cells, int column) {
		Matcher value = Pattern.compile("class=\"value [a-z]+ col-" + column + "\">([^<]*)</td>").matcher(cells);
		if (!value.find()) {
			throw new IllegalStateException("the report's statistics row has no column " + column);
		}
		String text = value.group(1).strip().replace(",", "");
		return text.matches("\\d+") ? Long.parseLong(text) : 0;
	}

	private static String unescape(String html) {
		return html.replace("&lt;", "<")
			.replace("&gt;", ">")
			.replace("&quot;", "\"")
			.replace("&#39;", "'")
			.replace("&amp;", "&");
	}

}
