package io.flashsale.opscli.switches;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;

/**
 * The command line of {@code ./flashsale switch}, one picocli command per verb. Each
 * checks what picocli cannot (a {@code KEY=VALUE}, a non-blank {@code --reason}, a
 * version number), makes one or two calls and prints the answer. Options belong to the
 * verb that reads them; any other is refused.
 */
final class SwitchCommands {

	private SwitchCommands() {
	}

	/** The root: {@code --as} and {@code --help} anywhere; no verb prints the usage. */
	@Command(name = "switch")
	static final class Root implements Callable<Integer> {

		@Option(names = "--as", paramLabel = "NAME", scope = ScopeType.INHERIT,
				description = "the operator recorded in the audit")
		String operator;

		@Option(names = { "-h", "--help" }, usageHelp = true, scope = ScopeType.INHERIT)
		boolean help;

		private final SwitchPrinter printer;

		Root(SwitchPrinter printer) {
			this.printer = printer;
		}

		@Override
		public Integer call() {
			this.printer.usage();
			return 0;
		}

	}

	@Command(name = "help")
	static final class Help implements Runnable {

		private final SwitchPrinter printer;

		Help(SwitchPrinter printer) {
			this.printer = printer;
		}

		@Override
		public void run() {
			this.printer.usage();
		}

	}

	@Command(name = "list")
	static final class ListSwitches implements Runnable {

		@Option(names = "--app", paramLabel = "APP")
		String application;

		private final AdminClient client;

		private final SwitchPrinter printer;

		ListSwitches(AdminClient client, SwitchPrinter printer) {
			this.client = client;
			this.printer = printer;
		}

		@Override
		public void run() {
			this.printer.switches(this.client.get("/api/admin/switches"), this.application);
		}

	}

	@Command(name = "set")
	static final class Set implements Runnable {

		@Parameters(paramLabel = "KEY=VALUE")
		String assignment;

		@Option(names = "--reason", paramLabel = "TEXT")
		String reason;

		@Option(names = "--app", paramLabel = "APP")
		String application;

		private final AdminClient client;

		private final SwitchPrinter printer;

		Set(AdminClient client, SwitchPrinter printer) {
			this.client = client;
			this.printer = printer;
		}

		@Override
		public void run() {
			int equals = this.assignment.indexOf('=');
			if (equals < 0) {
				throw new UsageError("usage: switch set KEY=VALUE --reason TEXT [--app APP]");
			}
			String key = this.assignment.substring(0, equals);
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("value", this.assignment.substring(equals + 1));
			body.put("application", this.application);
			body.put("reason", required(this.reason));
			this.printer.set(key, this.client.call("PUT", "/api/admin/switches/" + AdminClient.encode(key), body));
		}

	}

	/** {@code plan} alone is a wrong command line; its verbs are its subcommands. */
	@Command(name = "plan")
	static final class Plan implements Runnable {

		@Override
		public void run() {
			throw new UsageError("usage: switch plan list | plan apply NAME ... | plan cancel ID");
		}

	}

	@Command(name = "list")
	static final class PlanList implements Runnable {

		private final AdminClient client;

		private final SwitchPrinter printer;

		PlanList(AdminClient client, SwitchPrinter printer) {
			this.client = client;
			this.printer = printer;
		}

		@Override
		public void run() {
			this.printer.plans(this.client.get("/api/admin/plans"), this.client.get("/api/admin/plans/scheduled"));
		}

	}

	@Command(name = "apply")
	static final class PlanApply implements Runnable {

		@Parameters(paramLabel = "NAME")
		String name;

		@Option(names = "--reason", paramLabel = "TEXT")
		String reason;

		@Option(names = "--at", paramLabel = "T")
		String at;

		@Option(names = "--until", paramLabel = "T")
		String until;

		private final AdminClient client;

		private final SwitchPrinter printer;

		private final Times times;

		PlanApply(AdminClient client, SwitchPrinter printer, Times times) {
			this.client = client;
			this.printer = printer;
			this.times = times;
		}

		@Override
		public void run() {
			Instant now = this.times.now();
			Instant start = this.times.parse(this.at, now);
			Instant end = this.times.parse(this.until, (start != null) ? start : now);
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("at", (start != null) ? start.toString() : null);
			body.put("until", (end != null) ? end.toString() : null);
			body.put("reason", required(this.reason));
			this.printer.planApplied(this.name, end,
					this.client.call("POST", "/api/admin/plans/" + AdminClient.encode(this.name) + "/apply", body));
		}

	}

	@Command(name = "cancel")
	static final class PlanCancel implements Runnable {

		@Parameters(paramLabel = "ID")
		String id;

		private final AdminClient client;

		private final SwitchPrinter printer;

		PlanCancel(AdminClient client, SwitchPrinter printer) {
			this.client = client;
			this.printer = printer;
		}

		@Override
		public void run() {
			this.printer.planCancelled(
					this.client.call("DELETE", "/api/admin/plans/scheduled/" + AdminClient.encode(this.id), null));
		}

	}

	@Command(name = "rollback")
	static final class Rollback implements Runnable {

		@Parameters(paramLabel = "VERSION")
		String version;

		@Option(names = "--reason", paramLabel = "TEXT")
		String reason;

		private final AdminClient client;

		private final SwitchPrinter printer;

		Rollback(AdminClient client, SwitchPrinter printer) {
			this.client = client;
			this.printer = printer;
		}

		@Override
		public void run() {
			if (!this.version.matches("\\d+")) {
				throw new UsageError("usage: switch rollback VERSION [--reason TEXT]");
			}
			long target = Long.parseLong(this.version);
			String why = (this.reason != null) ? this.reason : "rollback to version " + target;
			this.printer.rolledBack(target,
					this.client.call("POST", "/api/admin/switches/rollback", Map.of("version", target, "reason", why)));
		}

	}

	@Command(name = "versions")
	static final class Versions implements Runnable {

		private final AdminClient client;

		private final SwitchPrinter printer;

		Versions(AdminClient client, SwitchPrinter printer) {
			this.client = client;
			this.printer = printer;
		}

		@Override
		public void run() {
			this.printer.versions(this.client.get("/api/admin/switches/versions"));
		}

	}

	@Command(name = "audit")
	static final class Audit implements Runnable {

		@Option(names = "--limit", paramLabel = "N", defaultValue = "20")
		String limit;

		private final AdminClient client;

		private final SwitchPrinter printer;

		Audit(AdminClient client, SwitchPrinter printer) {
			this.client = client;
			this.printer = printer;
		}

		@Override
		public void run() {
			if (!this.limit.matches("\\d{1,4}")) {
				throw new UsageError("--limit takes a number");
			}
			this.printer.audit(this.client.get("/api/admin/switches/audit?limit=" + this.limit));
		}

	}

	private static String required(String reason) {
		if (reason == null || reason.isBlank()) {
			throw new UsageError("--reason TEXT is required");
		}
		return reason;
	}

}
