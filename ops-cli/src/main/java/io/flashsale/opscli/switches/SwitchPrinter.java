package io.flashsale.opscli.switches;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * Prints the admin API's answers as ops read them: one line of outcome, or a table whose
 * columns are as wide as their widest cell ({@code -} for no value). The runbook quotes
 * these formats.
 */
final class SwitchPrinter {

	private final PrintStream out;

	SwitchPrinter(PrintStream out) {
		this.out = out;
	}

	/** The usage, for {@code help}, {@code --help} or no command. */
	void usage() {
		this.out.print(SwitchCli.USAGE);
	}

	/** {@code GET /api/admin/switches}, the values of one application or of all. */
	void switches(JsonNode list, String application) {
		this.out.println("switch version " + list.get("version").asLong());
		List<List<String>> rows = new ArrayList<>();
		for (JsonNode entry : list.get("switches")) {
			for (JsonNode value : entry.get("values")) {
				if (application == null || application.equals(value.get("application").asString())) {
					rows.add(List.of(entry.get("key").asString(), value.get("application").asString(),
							text(value.get("value")), value.get("source").asString()));
				}
			}
		}
		table(List.of("KEY", "APPLICATION", "VALUE", "SOURCE"), rows);
	}

	/** {@code PUT /api/admin/switches/{key}}: the new version and the key's values. */
	void set(String key, JsonNode change) {
		this.out.println("version " + change.get("version").asLong() + ": " + key + " set");
		List<List<String>> rows = new ArrayList<>();
		for (JsonNode effective : change.get("state").get("values")) {
			rows.add(List.of(effective.get("application").asString(), text(effective.get("value")),
					effective.get("source").asString()));
		}
		table(List.of("APPLICATION", "VALUE", "SOURCE"), rows);
	}

	/** {@code GET /api/admin/plans} and {@code GET /api/admin/plans/scheduled}. */
	void plans(JsonNode plans, JsonNode scheduledPlans) {
		List<List<String>> rows = new ArrayList<>();
		for (JsonNode plan : plans) {
			List<String> values = new ArrayList<>();
			for (JsonNode value : plan.get("values")) {
				String application = value.get("application").isNull() ? "" : value.get("application").asString() + ":";
				values.add(application + value.get("key").asString() + "=" + text(value.get("value")));
			}
			plan.get("problems").forEach((problem) -> values.add("PROBLEM: " + problem.asString()));
			rows.add(List.of(plan.get("name").asString(), String.join(", ", values)));
		}
		table(List.of("PLAN", "SWITCHES"), rows);
		List<List<String>> scheduled = new ArrayList<>();
		for (JsonNode entry : scheduledPlans) {
			scheduled.add(List.of(entry.get("id").asString(), entry.get("plan").asString(),
					entry.get("status").asString(), entry.get("at").asString(), text(entry.get("until")),
					entry.get("by").asString(), entry.get("reason").asString()));
		}
		this.out.println();
		if (scheduled.isEmpty()) {
			this.out.println("no scheduled plans");
		}
		else {
			table(List.of("ID", "PLAN", "STATUS", "AT", "UNTIL", "BY", "REASON"), scheduled);
		}
	}

	/** {@code POST /api/admin/plans/{name}/apply}: applied now, or scheduled. */
	void planApplied(String name, Instant until, JsonNode application) {
		JsonNode scheduled = application.get("scheduled");
		if (application.get("applied").asBoolean()) {
			this.out.println(
					"applied plan " + name + " as version " + application.get("version").asLong() + ((until != null)
							? "; restores at " + until + " (id " + scheduled.get("id").asString() + ")" : ""));
		}
		else {
			this.out.println("scheduled plan " + name + " (id " + scheduled.get("id").asString() + ") at "
					+ scheduled.get("at").asString() + ((until != null) ? ", restore at " + until : ""));
		}
	}

	/** {@code DELETE /api/admin/plans/scheduled/{id}}. */
	void planCancelled(JsonNode cancelled) {
		this.out.println("cancelled scheduled plan " + cancelled.get("id").asString() + " ("
				+ cancelled.get("plan").asString() + ")");
	}

	/** {@code POST /api/admin/switches/rollback}. */
	void rolledBack(long version, JsonNode made) {
		this.out.println("version " + made.get("version").asLong() + ": overrides are those of version " + version);
	}

	/** {@code GET /api/admin/switches/versions}. */
	void versions(JsonNode versions) {
		List<List<String>> rows = new ArrayList<>();
		for (JsonNode version : versions) {
			int count = 0;
			for (JsonNode scope : version.get("overrides")) {
				count += scope.size();
			}
			rows.add(List.of(version.get("version").asString(), version.get("at").asString(),
					version.get("by").asString(), version.get("action").asString(), Integer.toString(count),
					version.get("reason").asString()));
		}
		table(List.of("VERSION", "AT", "BY", "ACTION", "OVERRIDES", "REASON"), rows);
	}

	/** {@code GET /api/admin/switches/audit}, newest first. */
	void audit(JsonNode entries) {
		List<List<String>> rows = new ArrayList<>();
		for (JsonNode entry : entries) {
			String application = entry.get("application").isNull() ? (entry.get("key").isNull() ? "" : "(global)")
					: entry.get("application").asString();
			String action = entry.get("action").asString()
					+ (entry.get("plan").isNull() ? "" : " " + entry.get("plan").asString());
			String change = entry.get("key").isNull() ? "" : entry.get("key").asString() + ": "
					+ text(entry.get("oldValue")) + " -> " + text(entry.get("newValue"));
			rows.add(List.of(entry.get("at").asString(), entry.get("version").asString(), entry.get("by").asString(),
					action, application, change, entry.get("reason").asString()));
		}
		table(List.of("AT", "VERSION", "BY", "ACTION", "APPLICATION", "CHANGE", "REASON"), rows);
	}

	private void table(List<String> header, List<List<String>> rows) {
		int[] widths = new int[header.size()];
		for (int i = 0; i < widths.length; i++) {
			widths[i] = header.get(i).length();
			for (List<String> row : rows) {
				widths[i] = Math.max(widths[i], row.get(i).length());
			}
		}
		printRow(header, widths);
		rows.forEach((row) -> printRow(row, widths));
	}

	private void printRow(List<String> cells, int[] widths) {
		StringBuilder line = new StringBuilder();
		for (int i = 0; i < cells.size(); i++) {
			line.append((i < cells.size() - 1) ? String.format("%-" + widths[i] + "s  ", cells.get(i)) : cells.get(i));
		}
		this.out.println(line.toString().stripTrailing());
	}

	private static String text(JsonNode value) {
		return (value == null || value.isNull() || value.isMissingNode()) ? "-" : value.asString();
	}

}
