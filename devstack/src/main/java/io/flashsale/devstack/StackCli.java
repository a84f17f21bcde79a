package io.flashsale.devstack;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The stack commands of {@code ./flashsale}: {@code up}, {@code down}, {@code status},
 * {@code stop}, {@code start}, {@code restart} and {@code logs}. A short-lived process:
 * {@code up} starts the supervisor ({@link DevStackMain}) detached if none runs and asks
 * it to start everything; the others talk to the running supervisor's control port.
 * <p>
 * Exit codes: 0 done, 1 failed (or, for {@code status}, something is not up), 2 a usage
 * error such as an unknown option.
 */
@Command(name = "flashsale", description = "Runs the local stack; see ./flashsale help.")
public final class StackCli implements Callable<Integer> {

	/** Time for a new supervisor to open its control port. */
	private static final Duration SUPERVISOR_START_TIMEOUT = Duration.ofSeconds(60);

	/**
	 * The supervisor stops the apps, then the servers, each with
	 * {@link Component#STOP_GRACE} before SIGKILL.
	 */
	private static final Duration SUPERVISOR_STOP_TIMEOUT = Component.STOP_GRACE.multipliedBy(4);

	private static final Duration STRAY_GRACE = Duration.ofSeconds(3);

	private static final List<String> SUPERVISOR_JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC",
			"-XX:TieredStopAtLevel=1");

	private static final Pattern LOG_TAIL_HEADER = Pattern.compile("--- last lines of (.*) ---");

	private static final int TAIL_LINES = 30;

	private final Path home;

	private final Path root;

	private final String version;

	private final Map<String, String> environment;

	private final PrintStream out;

	private final PrintStream err;

	StackCli(Path home, Path root, String version, Map<String, String> environment, PrintStream out, PrintStream err) {
		this.home = home.toAbsolutePath().normalize();
		this.root = root.toAbsolutePath().normalize();
		this.version = version;
		this.environment = Map.copyOf(environment);
		this.out = out;
		this.err = err;
	}

	public static void main(String[] args) {
		Path home = Path.of(System.getProperty("flashsale.home", ".flashsale"));
		Path root = Path.of(System.getProperty("flashsale.root", "."));
		String version = System.getProperty("flashsale.version", "");
		System.exit(new StackCli(home, root, version, System.getenv(), System.out, System.err).run(args));
	}

	/** Parses and runs one command; returns its exit code. */
	int run(String... args) {
		CommandLine commandLine = new CommandLine(this);
		commandLine.setOut(new PrintWriter(this.out, true, StandardCharsets.UTF_8));
		commandLine.setErr(new PrintWriter(this.err, true, StandardCharsets.UTF_8));
		commandLine.setExecutionExceptionHandler((ex, line, parsed) -> {
			if (ex instanceof IllegalStateException || ex instanceof IllegalArgumentException
					|| ex instanceof UncheckedIOException) {
				this.err.println("flashsale: " + ex.getMessage());
				return 1;
			}
			throw ex;
		});
		return commandLine.execute(args);
	}

	@Override
	public Integer call() {
		this.err.println("flashsale: a command is needed; see ./flashsale help");
		return 2;
	}

	@Command(name = "up", description = "Start whatever is not running and wait until everything is ready.")
	int up() {
		long started = System.nanoTime();
		ControlClient supervisor = ControlClient.find(this.home).orElseGet(() -> {
			for (StackPort port : StackPort.values()) {
				Ports.requireFree(port.component(), DevStackSettings.LOOPBACK, port.port(this.environment));
			}
			return launchSupervisor();
		});
		if (!ask(supervisor, "up")) {
			return 1;
		}
		this.out.println("ready in " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s");
		this.out.println();
		this.out.println("  gateway        " + url(StackPort.GATEWAY) + "   (shoppers' entry)");
		for (StackPort app : List.of(StackPort.CONFIG_SERVER, StackPort.INVENTORY_SERVICE, StackPort.MARKETING_SERVICE,
				StackPort.ORDER_SERVICE, StackPort.PAYMENT_SERVICE)) {
			this.out.println("  %-14s %s".formatted(app.component(), url(app)));
		}
		this.out.println("  redis          " + address(StackPort.REDIS));
		this.out.println("  mariadb        " + address(StackPort.MARIADB)
				+ " (one user per service, e.g. order_service; password = user name)");
		this.out.println("  kafka          " + address(StackPort.KAFKA));
		this.out.println();
		this.out.println("  logs           " + logs() + "/  (./flashsale logs NAME)");
		this.out.println("  a token        ./flashsale token alice");
		return 0;
	}

	@Command(name = "down", description = "Stop everything; leaves no process behind.")
	int down() {
		Optional<ControlClient> supervisor = ControlClient.find(this.home);
		supervisor.flatMap(ControlClient::process).ifPresent((process) -> {
			process.destroy();
			if (!awaitExit(process, SUPERVISOR_STOP_TIMEOUT)) {
				this.err.println("flashsale: the supervisor did not stop in " + SUPERVISOR_STOP_TIMEOUT.toSeconds()
						+ " s; killing it");
				process.destroyForcibly();
				awaitExit(process, STRAY_GRACE);
			}
		});
		stopStrays();
		try {
			Files.deleteIfExists(ControlClient.controlFile(this.home));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.out.println("stopped");
		return 0;
	}

	/**
	 * The safety net: anything still running whose command line names the state folder
	 * (the children of a supervisor that was killed, say).
	 */
	private void stopStrays() {
		Set<Long> spared = new HashSet<>();
		for (Optional<ProcessHandle> process = Optional.of(ProcessHandle.current()); process
			.isPresent(); process = process.get().parent()) {
			spared.add(process.get().pid());
		}
		String marker = this.home.toString();
		List<ProcessHandle> strays = ProcessHandle.allProcesses()
			.filter((process) -> !spared.contains(process.pid()))
			.filter((process) -> process.info().commandLine().filter((line) -> line.contains(marker)).isPresent())
			.toList();
		if (strays.isEmpty()) {
			return;
		}
		this.err.println("flashsale: stopping leftover processes: "
				+ strays.stream().map((process) -> Long.toString(process.pid())).collect(Collectors.joining(" ")));
		strays.forEach(ProcessHandle::destroy);
		long deadline = System.nanoTime() + STRAY_GRACE.toNanos();
		for (ProcessHandle stray : strays) {
			if (!awaitExit(stray, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
				stray.destroyForcibly();
			}
		}
	}

	@Command(name = "status", description = "One line per component, with its health; exits 1 unless all are up.")
	int status() {
		Optional<ControlClient> supervisor = ControlClient.find(this.home);
		if (supervisor.isEmpty()) {
			this.out.println("%-18s %-8s".formatted("devstack", "STOPPED"));
			for (String app : Supervisor.COMPONENTS.subList(Supervisor.SERVERS.size(), Supervisor.COMPONENTS.size())) {
				this.out.println("%-18s %-8s".formatted(app, "STOPPED"));
			}
			return 1;
		}
		String reply = supervisor.get().request("status", this.out::println, this.err::println);
		if (reply.startsWith("ok")) {
			return 0;
		}
		if (!reply.equals("error: not everything is up")) {
			this.err.println("flashsale: " + reply.substring("error: ".length()));
		}
		return 1;
	}

	@Command(name = "stop", description = "Stop one component while the rest keep running.")
	int stop(
			@Parameters(paramLabel = "NAME",
					description = "redis, mariadb, kafka, config-server, gateway, "
							+ "order-service, payment-service, marketing-service or inventory-service") String name,
			@Option(names = "--kill", description = "SIGKILL, as a crash would") boolean kill) {
		ControlClient supervisor = running(name);
		if (!ask(supervisor, (kill ? "kill " : "stop ") + name)) {
			return 1;
		}
		this.out.println(kill ? name + " killed (SIGKILL)" : name + " stopped");
		return 0;
	}

	@Command(name = "start", description = "Start one stopped component again and wait until it is ready.")
	int start(@Parameters(paramLabel = "NAME", description = "as for stop") String name) {
		ControlClient supervisor = running(name);
		long started = System.nanoTime();
		if (!ask(supervisor, "start " + name)) {
			return 1;
		}
		long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
		StackPort port = StackPort.of(name);
		this.out.println(Supervisor.SERVERS.contains(name) ? name + " up on " + address(port) + " in " + seconds + " s"
				: name + " ready on " + url(port) + " in " + seconds + " s");
		return 0;
	}

	@Command(name = "restart", description = "Stop (or kill) and start one component.")
	int restart(@Parameters(paramLabel = "NAME", description = "as for stop") String name,
			@Option(names = "--kill", description = "SIGKILL, as a crash would") boolean kill) {
		int stopped = stop(name, kill);
		return (stopped != 0) ? stopped : start(name);
	}

	@Command(name = "logs", description = "Show a component's log.")
	int logs(
			@Parameters(paramLabel = "NAME",
					description = "devstack, kafka, mariadb, redis, config-server, "
							+ "gateway, order-service, ...") String name,
			@Option(names = "-f", description = "follow it") boolean follow) throws InterruptedException {
		Path file = Supervisor.SERVERS.contains(name)
				? this.home.resolve("devstack").resolve("logs").resolve(name + ".log") : logs().resolve(name + ".log");
		if (!Files.isRegularFile(file)) {
			throw new IllegalArgumentException("no log for '" + name + "' at " + file);
		}
		long position = printTail(file, follow ? 100 : 200);
		while (follow) {
			Thread.sleep(300);
			position = printFrom(file, position);
		}
		return 0;
	}

	private ControlClient running(String name) {
		if (!Supervisor.COMPONENTS.contains(name)) {
			throw new IllegalArgumentException(
					"unknown component '" + name + "'; one of: " + String.join(" ", Supervisor.COMPONENTS));
		}
		return ControlClient.find(this.home)
			.orElseThrow(
					() -> new IllegalStateException("the dev stack is not running; ./flashsale up starts everything"));
	}

	/**
	 * Sends a request, printing its progress; on failure prints the reason and the last
	 * lines of the log it names.
	 */
	private boolean ask(ControlClient supervisor, String request) {
		List<String> details = new ArrayList<>();
		String reply = supervisor.request(request, this.out::println, details::add);
		if (reply.startsWith("ok")) {
			return true;
		}
		String reason = reply.startsWith("error: ") ? reply.substring("error: ".length()) : reply;
		this.err.println("flashsale: " + (request.equals("up") ? reason : request + " failed: " + reason));
		for (String detail : details) {
			Matcher header = LOG_TAIL_HEADER.matcher(detail);
			this.err.println(header.matches() ? "flashsale: last lines of " + header.group(1) + ":" : "  | " + detail);
		}
		return false;
	}

	/**
	 * Starts the supervisor in its own session (a Ctrl-C in this terminal does not reach
	 * it), its output going to {@code logs/devstack.log}, and waits until its control
	 * port answers. It runs from a copy of this jar in {@code lib/}: a rebuild or a clean
	 * then leaves it alone, and the other commands run from that copy too (see the
	 * script).
	 */
	private ControlClient launchSupervisor() {
		try {
			Files.createDirectories(logs());
			Path log = logs().resolve("devstack.log");
			Logs.rotate(log);
			List<String> command = new ArrayList<>();
			if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
				command.add("/usr/bin/setsid");
			}
			command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
			command.addAll(SUPERVISOR_JVM_OPTIONS);
			command.add("-Dflashsale.home=" + this.home);
			command.add("-Dflashsale.root=" + this.root);
			command.add("-Dflashsale.version=" + this.version);
			command.addAll(List.of("-cp", supervisorClassPath(), DevStackMain.class.getName()));
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(Redirect.appendTo(log.toFile()))
				.redirectInput(Redirect.from(new File("/dev/null")));
			builder.environment().putAll(this.environment);
			Process supervisor = builder.start();
			long deadline = System.nanoTime() + SUPERVISOR_START_TIMEOUT.toNanos();
			while (System.nanoTime() < deadline) {
				Optional<ControlClient> control = ControlClient.find(this.home);
				if (control.isPresent()) {
					return control.get();
				}
				if (!supervisor.isAlive()) {
					throw new IllegalStateException(
							"the dev stack died while starting; last lines of " + log + ":" + System.lineSeparator()
									+ Logs.tail(log, TAIL_LINES)
										.lines()
										.map((line) -> "  | " + line)
										.collect(Collectors.joining(System.lineSeparator())));
				}
				Thread.sleep(200);
			}
			throw new IllegalStateException("the dev stack did not open its control port within "
					+ SUPERVISOR_START_TIMEOUT.toSeconds() + " s; see " + log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while starting the dev stack", ex);
		}
	}

	/** This JVM's class path, with this jar replaced by its copy in {@code lib/}. */
	private String supervisorClassPath() throws IOException {
		Path lib = Files.createDirectories(this.home.resolve("lib"));
		Path ownJar;
		try {
			ownJar = Path.of(StackCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
		List<String> entries = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter((entry) -> !entry.isBlank())
			.map((entry) -> Path.of(entry).toAbsolutePath().normalize().toString())
			.toList();
		Path copy = lib.resolve("devstack.jar");
		if (!Files.isRegularFile(ownJar) || ownJar.equals(copy)) {
			return String.join(File.pathSeparator, entries);
		}
		Files.copy(ownJar, copy, StandardCopyOption.REPLACE_EXISTING);
		List<String> others = entries.stream().filter((entry) -> !Path.of(entry).equals(ownJar)).toList();
		Files.writeString(lib.resolve("classpath.txt"), String.join(File.pathSeparator, others));
		List<String> classPath = new ArrayList<>(others);
		classPath.add(copy.toString());
		return String.join(File.pathSeparator, classPath);
	}

	private static boolean awaitExit(ProcessHandle process, Duration timeout) {
		try {
			process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return !process.isAlive();
		}
		catch (ExecutionException | TimeoutException ex) {
			return !process.isAlive();
		}
	}

	private long printTail(Path file, int lines) {
		try (RandomAccessFile log = new RandomAccessFile(file.toFile(), "r")) {
			long end = log.length();
			long start = end;
			int newlines = 0;
			// Backwards in blocks until there are enough lines.
			byte[] block = new byte[8192];
			while (start > 0 && newlines < lines) {
				int size = (int) Math.min(block.length, start);
				start -= size;
				log.seek(start);
				log.readFully(block, 0, size);
				for (int i = size - 1; i >= 0; i--) {
					if (block[i] == '\n' && (start + i) != end - 1 && ++newlines >= lines) {
						start = start + i + 1;
						break;
					}
				}
			}
			return copy(log, start, end);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Prints what was appended since {@code position}, from the start if it shrank. */
	private long printFrom(Path file, long position) {
		try (RandomAccessFile log = new RandomAccessFile(file.toFile(), "r")) {
			long end = log.length();
			return copy(log, (end < position) ? 0 : position, end);
		}
		catch (IOException ex) {
			// Rotated away for a moment; the next poll finds the new file, shorter.
			return position;
		}
	}

	private long copy(RandomAccessFile log, long from, long to) throws IOException {
		byte[] buffer = new byte[8192];
		log.seek(from);
		long position = from;
		while (position < to) {
			int read = log.read(buffer, 0, (int) Math.min(buffer.length, to - position));
			if (read < 0) {
				break;
			}
			this.out.write(buffer, 0, read);
			position += read;
		}
		this.out.flush();
		return position;
	}

	private Path logs() {
		return this.home.resolve("logs");
	}

	private String url(StackPort port) {
		return "http://" + address(port);
	}

	private String address(StackPort port) {
		return DevStackSettings.LOOPBACK + ":" + port.port(this.environment);
	}

}
