package io.flashsale.configserver.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.flashsale.platform.security.LocalTokens;

/**
 * {@code ./flashsale switch}: ops' switches, plans, rollback and audit from a terminal,
 * through the config server's admin API with an admin token minted as
 * {@code ./flashsale token --admin} does. Output is a table; an error prints the
 * problem's detail and exits 1 (2 for a wrong command line).
 */
public final class SwitchCli {

	static final String USAGE = """
			Usage: ./flashsale switch COMMAND [ARGS]

			  list [--app APP]                    every switch, its value per application and its source
			  set KEY=VALUE --reason TEXT [--app APP]
			                                      set one switch (globally, or for one application)
			  plan list                           the plans of config-repo/plans.yml and the scheduled ones
			  plan apply NAME --reason TEXT [--at T] [--until T]
			                                      apply a plan now, or at T; with --until, restore the
			                                      values it replaced at that time. T is an ISO-8601
			                                      instant (2026-11-11T15:55:00Z) or HH:MM, the next such
			                                      local time (--until HH:MM: the next after --at)
			  plan cancel ID                      cancel what a scheduled plan has left to do
			  rollback VERSION [--reason TEXT]    make the overrides those of VERSION (0: none)
			  versions                            every version
			  audit [--limit N]                   who changed what, when and why (newest first)

			Options: --as NAME (the operator recorded in the audit; default $FLASHSALE_OPERATOR or
			your user name). The config server is $FLASHSALE_CONFIG_URI (default http://127.0.0.1:18888).
			""";

	private static final Set<String> OPTIONS = Set.of("--reason", "--app", "--at", "--until", "--as", "--limit");

	private static final JsonMapper json = JsonMapper.builder().build();

	private final URI server;

	private final Supplier<String> token;

	private final PrintStream out;

	private final PrintStream err;

	private final Clock clock;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

	/**
	 * A client of one config server.
	 * @param server the config server's base URI
	 * @param token mints an admin token for the operator
	 * @param out where tables go
	 * @param err where errors go
	 * @param clock the time and zone for {@code HH:MM}
	 */
	public SwitchCli(URI server, Supplier<String> token, PrintStream out, PrintStream err, Clock clock) {
		this.server = server;
		this.token = token;
		this.out = out;
		this.err = err;
		this.clock = clock;
	}

	public static void main(String[] args) {
		String uri = System.getenv()
			.getOrDefault("FLASHSALE_CONFIG_URI",
					"http://127.0.0.1:" + System.getenv().getOrDefault("FLASHSALE_CONFIG_PORT", "18888"));
		Arguments parsed;
		try {
			parsed = Arguments.parse(args);
		}
		catch (UsageError ex) {
			System.err.println("flashsale switch: " + ex.getMessage());
			System.err.print(USAGE);
			System.exit(2);
			return;
		}
		String operator = parsed.option("--as",
				System.getenv().getOrDefault("FLASHSALE_OPERATOR", System.getProperty("user.name", "ops")));
		LocalTokens tokens = LocalTokens.forLocalStack(Duration.ofMinutes(5));
		SwitchCli cli = new SwitchCli(URI.create(uri), () -> tokens.admin(operator), System.out, System.err,
				Clock.systemDefaultZone());
		System.exit(cli.run(args));
	}

	/**
	 * Runs one command.
	 * @param args the command line after {@code switch}
	 * @return the exit code: 0 done, 1 refused or failed, 2 wrong command line
	 */
	public int run(String... args) {
		try {
			Arguments arguments = Arguments.parse(args);
			List<String> words = arguments.words();
			String command = words.isEmpty() ? "help" : words.get(0);
			switch (command) {
				case "list" -> list(arguments.option("--app", null));
				case "set" -> set(arguments);
				case "plan" -> plan(arguments);
				case "rollback" -> rollback(arguments);
				case "versions" -> versions();
				case "audit" -> audit(arguments.option("--limit", "20"));
				case "help", "-h", "--help" -> this.out.print(USAGE);
				default -> throw new UsageError("unknown command: " + command);
			}
			return 0;
		}
		catch (UsageError ex) {
			this.err.println("flashsale switch: " + ex.getMessage());
			this.err.print(USAGE);
			return 2;
		}
		catch (Failure ex) {
			this.err.println("flashsale switch: " + ex.getMessage());
			return 1;
		}
	}

	private void list(String application) {
		JsonNode list = call("GET", "/api/admin/switches", null);
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

	private void set(Arguments arguments) {
		List<String> words = arguments.words();
		if (words.size() != 2 || !words.get(1).contains("=")) {
			throw new UsageError("usage: switch set KEY=VALUE --reason TEXT [--app APP]");
		}
		String key = words.get(1).substring(0, words.get(1).indexOf('='));
		String value = words.get(1).substring(words.get(1).indexOf('=') + 1);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("value", value);
		body.put("application", arguments.option("--app", null));
		body.put("reason", required(arguments, "--reason"));
		JsonNode change = call("PUT", "/api/admin/switches/" + encode(key), body);
		this.out.println("version " + change.get("version").asLong() + ": " + key + " set");
		List<List<String>> rows = new ArrayList<>();
		for (JsonNode effective : change.get("state").get("values")) {
			rows.add(List.of(effective.get("application").asString(), text(effective.get("value")),
					effective.get("source").asString()));
		}
		table(List.of("APPLICATION", "VALUE", "SOURCE"), rows);
	}

	private void plan(Arguments arguments) {
		List<String> words = arguments.words();
		String sub = (words.size() > 1) ? words.get(1) : "";
		switch (sub) {
			case "list" -> planList();
			case "apply" -> {
				if (words.size() != 3) {
					throw new UsageError("usage: switch plan apply NAME --reason TEXT [--at T] [--until T]");
				}
				planApply(words.get(2), arguments);
			}
			case "cancel" -> {
				if (words.size() != 3) {
					throw new UsageError("usage: switch plan cancel ID");
				}
				JsonNode cancelled = call("DELETE", "/api/admin/plans/scheduled/" + encode(words.get(2)), null);
				this.out.println("cancelled scheduled plan " + cancelled.get("id").asString() + " ("
						+ cancelled.get("plan").asString() + ")");
			}
			default -> throw new UsageError("usage: switch plan list | plan apply NAME ... | plan cancel ID");
		}
	}

	private void planList() {
		List<List<String>> rows = new ArrayList<>();
		for (JsonNode plan : call("GET", "/api/admin/plans", null)) {
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
		for (JsonNode entry : call("GET", "/api/admin/plans/scheduled", null)) {
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

	private void planApply(String name, Arguments arguments) {
		Instant now = this.clock.instant();
		Instant at = time(arguments.option("--at", null), now);
		Instant until = time(arguments.option("--until", null), (at != null) ? at : now);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("at", (at != null) ? at.toString() : null);
		body.put("until", (until != null) ? until.toString() : null);
		body.put("reason", required(arguments, "--reason"));
		JsonNode application = call("POST", "/api/admin/plans/" + encode(name) + "/apply", body);
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

	private void rollback(Arguments arguments) {
		List<String> words = arguments.words();
		if (words.size() != 2 || !words.get(1).matches("\\d+")) {
			throw new UsageError("usage: switch rollback VERSION [--reason TEXT]");
		}
		long version = Long.parseLong(words.get(1));
		String reason = arguments.option("--reason", "rollback to version " + version);
		JsonNode made = call("POST", "/api/admin/switches/rollback", Map.of("version", version, "reason", reason));
		this.out.println("version " + made.get("version").asLong() + ": overrides are those of version " + version);
	}

	private void versions() {
		List<List<String>> rows = new ArrayList<>();
		for (JsonNode version : call("GET", "/api/admin/switches/versions", null)) {
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

	private void audit(String limit) {
		if (!limit.matches("\\d{1,4}")) {
			throw new UsageError("--limit takes a number");
		}
		List<List<String>> rows = new ArrayList<>();
		for (JsonNode entry : call("GET", "/api/admin/switches/audit?limit=" + limit, null)) {
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

	/**
	 * Reads a time: an ISO-8601 instant or offset date-time, or {@code HH:MM}, the first
	 * such local time after {@code after}.
	 * @param text the time, or {@code null}
	 * @param after the time {@code HH:MM} must follow
	 * @return the instant, or {@code null}
	 */
	Instant time(String text, Instant after) {
		if (text == null) {
			return null;
		}
		if (text.matches("\\d{1,2}:\\d{2}")) {
			LocalTime local;
			try {
				local = LocalTime.parse((text.length() == 4) ? "0" + text : text);
			}
			catch (DateTimeParseException ex) {
				throw new UsageError("not a time of day: " + text);
			}
			ZonedDateTime candidate = after.atZone(this.clock.getZone()).with(local).withSecond(0).withNano(0);
			if (!candidate.toInstant().isAfter(after)) {
				candidate = candidate.plusDays(1).with(local);
			}
			return candidate.toInstant();
		}
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			try {
				return OffsetDateTime.parse(text).toInstant();
			}
			catch (DateTimeException notOffset) {
				throw new UsageError("not a time: " + text + " (use 2026-11-11T23:55:00Z or 23:55)");
			}
		}
	}

	private JsonNode call(String method, String path, Object body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.server.resolve(path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + this.token.get())
			.header("Accept", "application/json");
		if (body != null) {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		HttpResponse<String> response;
		try {
			response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (ConnectException ex) {
			throw new Failure("the config server is not reachable at " + this.server + " (./flashsale up starts it)");
		}
		catch (IOException ex) {
			throw new Failure("calling the config server at " + this.server + " failed: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new Failure("interrupted");
		}
		JsonNode answer = response.body().isBlank() ? json.nullNode() : readJson(response.body());
		if (response.statusCode() >= 400) {
			throw new Failure(problem(response.statusCode(), answer));
		}
		return answer;
	}

	private static JsonNode readJson(String body) {
		try {
			return json.readTree(body);
		}
		catch (RuntimeException ex) {
			return json.nullNode();
		}
	}

	private static String problem(int status, JsonNode problem) {
		StringBuilder text = new StringBuilder().append(status);
		if (problem.hasNonNull("title")) {
			text.append(' ').append(problem.get("title").asString());
		}
		if (problem.hasNonNull("detail")) {
			text.append(": ").append(problem.get("detail").asString());
		}
		if (problem.has("errors")) {
			for (JsonNode error : problem.get("errors")) {
				text.append("\n  ")
					.append(error.path("field").asString(""))
					.append(' ')
					.append(error.path("message").asString(""));
			}
		}
		return text.toString();
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

	private static String required(Arguments arguments, String option) {
		String value = arguments.option(option, null);
		if (value == null || value.isBlank()) {
			throw new UsageError(option + " TEXT is required");
		}
		return value;
	}

	private static String encode(String segment) {
		return URLEncoder.encode(segment, StandardCharsets.UTF_8);
	}

	/**
	 * A command line: words and {@code --option value} pairs.
	 *
	 * @param words the words in order
	 * @param options the options
	 */
	record Arguments(List<String> words, Map<String, String> options) {

		static Arguments parse(String... args) {
			List<String> words = new ArrayList<>();
			Map<String, String> options = new LinkedHashMap<>();
			for (int i = 0; i < args.length; i++) {
				String arg = args[i];
				if (arg.startsWith("--") && !arg.equals("--help")) {
					String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
					if (!OPTIONS.contains(name)) {
						throw new UsageError("unknown option: " + name);
					}
					if (arg.contains("=")) {
						options.put(name, arg.substring(arg.indexOf('=') + 1));
					}
					else if (i + 1 < args.length) {
						options.put(name, args[++i]);
					}
					else {
						throw new UsageError(name + " needs a value");
					}
				}
				else {
					words.add(arg);
				}
			}
			return new Arguments(words, options);
		}

		String option(String name, String fallback) {
			return this.options.getOrDefault(name, fallback);
		}

	}

	/** A wrong command line. */
	static final class UsageError extends RuntimeException {

		UsageError(String message) {
			super(message);
		}

	}

	/** A refused or failed call. */
	static final class Failure extends RuntimeException {

		Failure(String message) {
			super(message);
		}

	}

}
