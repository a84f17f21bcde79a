package io.flashsale.opscli.switches;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.Charset;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import io.flashsale.platform.security.LocalTokens;
import picocli.CommandLine;

/**
 * {@code ./flashsale switch}: ops' switches, plans, rollback and audit from a terminal,
 * through the config server's admin API with an admin token minted as
 * {@code ./flashsale token --admin} does. Output is a table; an error prints the
 * problem's detail and exits 1; a wrong command line (an unknown command or option, a
 * missing argument) prints what is wrong and the usage and exits 2.
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
			  help                                this text (also --help)

			Options: --as NAME (the operator recorded in the audit; default $FLASHSALE_OPERATOR or
			your user name). The config server is $FLASHSALE_CONFIG_URI (default http://127.0.0.1:18888).
			""";

	private final URI server;

	private final Function<String, String> adminToken;

	private final PrintStream out;

	private final PrintStream err;

	private final Clock clock;

	/**
	 * A client of one config server whose calls all carry the same token.
	 * @param server the config server's base URI
	 * @param token mints an admin token
	 * @param out where tables go
	 * @param err where errors go
	 * @param clock the time and zone for {@code HH:MM}
	 */
	public SwitchCli(URI server, Supplier<String> token, PrintStream out, PrintStream err, Clock clock) {
		this(server, (operator) -> token.get(), out, err, clock);
	}

	/**
	 * A client of one config server.
	 * @param server the config server's base URI
	 * @param adminToken mints an admin token for the operator named by {@code --as}
	 * ({@code null} without it)
	 * @param out where tables go
	 * @param err where errors go
	 * @param clock the time and zone for {@code HH:MM}
	 */
	public SwitchCli(URI server, Function<String, String> adminToken, PrintStream out, PrintStream err, Clock clock) {
		this.server = server;
		this.adminToken = adminToken;
		this.out = out;
		this.err = err;
		this.clock = clock;
	}

	public static void main(String[] args) {
		String uri = System.getenv()
			.getOrDefault("FLASHSALE_CONFIG_URI",
					"http://127.0.0.1:" + System.getenv().getOrDefault("FLASHSALE_CONFIG_PORT", "18888"));
		String defaultOperator = System.getenv()
			.getOrDefault("FLASHSALE_OPERATOR", System.getProperty("user.name", "ops"));
		LocalTokens tokens = LocalTokens.forLocalStack(Duration.ofMinutes(5));
		SwitchCli cli = new SwitchCli(URI.create(uri),
				(operator) -> tokens.admin((operator != null) ? operator : defaultOperator), System.out, System.err,
				Clock.systemDefaultZone());
		System.exit(cli.run(args));
	}

	/**
	 * Runs one command.
	 * @param args the command line after {@code switch}
	 * @return the exit code: 0 done, 1 refused or failed, 2 wrong command line
	 */
	public int run(String... args) {
		SwitchPrinter printer = new SwitchPrinter(this.out);
		SwitchCommands.Root root = new SwitchCommands.Root(printer);
		AdminClient client = new AdminClient(this.server, () -> this.adminToken.apply(root.operator));
		CommandLine commandLine = commandLine(root, client, printer);
		try {
			return commandLine.execute(args);
		}
		finally {
			this.out.flush();
			this.err.flush();
		}
	}

	private CommandLine commandLine(SwitchCommands.Root root, AdminClient client, SwitchPrinter printer) {
		CommandLine plan = new CommandLine(new SwitchCommands.Plan())
			.addSubcommand(new SwitchCommands.PlanList(client, printer))
			.addSubcommand(new SwitchCommands.PlanApply(client, printer, new Times(this.clock)))
			.addSubcommand(new SwitchCommands.PlanCancel(client, printer));
		CommandLine commandLine = new CommandLine(root).addSubcommand(new SwitchCommands.ListSwitches(client, printer))
			.addSubcommand(new SwitchCommands.Set(client, printer))
			.addSubcommand("plan", plan)
			.addSubcommand(new SwitchCommands.Rollback(client, printer))
			.addSubcommand(new SwitchCommands.Versions(client, printer))
			.addSubcommand(new SwitchCommands.Audit(client, printer))
			.addSubcommand(new SwitchCommands.Help(printer));
		// Set after the subcommands are added, so that they apply to every one of them.
		commandLine.setExpandAtFiles(false)
			.setOverwrittenOptionsAllowed(true)
			.setOut(new PrintWriter(this.out, true, charset(this.out)))
			.setErr(new PrintWriter(this.err, true, charset(this.err)))
			.setParameterExceptionHandler((ex, args) -> usageError(refusal(ex)))
			.setExecutionExceptionHandler((ex, command, parsed) -> switch (ex) {
				case UsageError usage -> usageError(usage.getMessage());
				case Failure failure -> {
					this.err.println("flashsale switch: " + failure.getMessage());
					yield 1;
				}
				default -> throw ex;
			});
		usageIsTheHandWrittenOne(commandLine);
		return commandLine;
	}

	/**
	 * What is wrong with the command line: picocli's words, but an unknown command or
	 * option is named with the command it was given to.
	 */
	private static String refusal(CommandLine.ParameterException ex) {
		if (ex instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
			String first = unmatched.getUnmatched().getFirst();
			String command = ex.getCommandLine().getCommandSpec().qualifiedName(" ");
			if (first.startsWith("-")) {
				return "unknown option for " + command + ": " + first;
			}
			return (ex.getCommandLine().getParent() == null) ? "unknown command: " + first
					: "unexpected argument for " + command + ": " + first;
		}
		return ex.getMessage();
	}

	private int usageError(String message) {
		this.err.println("flashsale switch: " + message);
		this.err.print(USAGE);
		return 2;
	}

	/**
	 * {@code --help} on any command prints {@link #USAGE}, the text the runbook quotes.
	 */
	private static void usageIsTheHandWrittenOne(CommandLine commandLine) {
		commandLine.setHelpSectionKeys(List.of("usage"));
		commandLine.getHelpSectionMap().put("usage", (help) -> USAGE);
		commandLine.getSubcommands().values().forEach(SwitchCli::usageIsTheHandWrittenOne);
	}

	private static Charset charset(PrintStream stream) {
		return stream.charset();
	}

}
