package io.flashsale.devstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a {@link DevStack} in the foreground until SIGTERM or SIGINT, keeping the servers
 * that are up running when one of them stops.
 * <p>
 * Contract with the {@code flashsale} CLI, all files under the state directory (system
 * property {@code flashsale.home}, default {@code .flashsale}; ports from
 * {@link DevStackSettings#fromEnvironment}):
 * <ul>
 * <li>once every server answers, {@code devstack.properties} appears (written atomically)
 * and one line {@code devstack ready: ...} is printed to stdout;</li>
 * <li>if a server fails to start, the others are stopped, {@code devstack.failed}
 * (containing the component name) appears, the reason goes to stderr and the JVM exits
 * with status 1;</li>
 * <li>a server that exits later without being asked to is reported on stderr and the
 * others keep running; {@code servers.properties} always holds each server's state
 * ({@code UP <pid>}, {@code STOPPED} or {@code DIED <exit code>});</li>
 * <li>{@code control.properties} (readable by the owner only) names a loopback port and a
 * token: a client connects, sends one line {@code <token> stop|kill|start <server>} and
 * reads one line back, {@code ok ...} once done ({@code start} answers when the server
 * answers) or {@code error ...};</li>
 * <li>on SIGTERM or SIGINT everything is stopped and {@code devstack.properties} and
 * {@code control.properties} are deleted.</li>
 * </ul>
 */
public final class DevStackMain {

	private static final long SUPERVISION_INTERVAL_MILLIS = 1000;

	// A request line arrives at once from the CLI; a client that sends nothing is
	// dropped.
	private static final int CONTROL_READ_TIMEOUT_MILLIS = 5000;

	private static final int MAX_REQUEST_LENGTH = 200;

	private DevStackMain() {
	}

	public static void main(String[] args) throws IOException, InterruptedException {
		Path home = Path.of(System.getProperty("flashsale.home", ".flashsale")).toAbsolutePath().normalize();
		Path properties = home.resolve("devstack.properties");
		Path failed = home.resolve("devstack.failed");
		Path control = home.resolve("control.properties");
		Path servers = home.resolve("servers.properties");
		Files.createDirectories(home);
		// Left over from a run that was killed: pollers must not mistake them for this
		// run's.
		for (Path file : List.of(properties, failed, control, servers)) {
			Files.deleteIfExists(file);
		}
		DevStack stack;
		try {
			stack = DevStack.start(DevStackSettings.fromEnvironment(home));
		}
		catch (RuntimeException ex) {
			System.err.println("devstack: failed to start: " + ex.getMessage());
			Files.writeString(failed, (ex instanceof ComponentFailure failure) ? failure.component() : "devstack");
			System.exit(1);
			return;
		}
		AtomicBoolean shuttingDown = new AtomicBoolean();
		Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("devstack-main-shutdown").unstarted(() -> {
			shuttingDown.set(true);
			stack.close();
			for (Path file : List.of(properties, control, servers)) {
				try {
					Files.deleteIfExists(file);
				}
				catch (IOException ex) {
					System.err.println("devstack: could not delete " + file + ": " + ex.getMessage());
				}
			}
		}));
		writeAtomically(servers, describeServers(stack));
		listenForControl(stack, control, servers);
		writeAtomically(properties, describe(stack));
		System.out.println("devstack ready: redis=" + stack.components().get("redis").endpoint() + " mariadb="
				+ stack.components().get("mariadb").endpoint() + " kafka=" + stack.kafkaBootstrapServers());
		supervise(stack, servers, shuttingDown);
	}

	/**
	 * Never returns; a signal ends the JVM through the shutdown hooks. A server that dies
	 * is reported once per process and left down until it is started through the control
	 * port.
	 */
	private static void supervise(DevStack stack, Path servers, AtomicBoolean shuttingDown)
			throws IOException, InterruptedException {
		Map<String, Long> reported = new HashMap<>();
		String written = describeServers(stack);
		while (true) {
			Thread.sleep(SUPERVISION_INTERVAL_MILLIS);
			// During shutdown the servers exit on purpose (a terminal's Ctrl-C reaches
			// them directly, too).
			if (shuttingDown.get()) {
				continue;
			}
			for (Component component : stack.servers()) {
				ComponentState state = component.state();
				component.unexpectedExitCode().ifPresent((code) -> {
					if (!Long.valueOf(state.pid()).equals(reported.put(component.name(), state.pid()))) {
						System.err.println("devstack: " + component.name() + " died (exit " + code + "); see "
								+ component.logFile() + "; the other servers keep running; start it again with"
								+ " ./flashsale start " + component.name());
					}
				});
			}
			String current = describeServers(stack);
			if (!current.equals(written)) {
				writeAtomically(servers, current);
				written = current;
			}
		}
	}

	/**
	 * Opens the control port on the loopback address and serves it on a daemon thread,
	 * one request at a time. The token keeps other local users out: only the owner can
	 * read the file that holds it.
	 */
	private static void listenForControl(DevStack stack, Path control, Path servers) throws IOException {
		ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
		byte[] random = new byte[24];
		new SecureRandom().nextBytes(random);
		String token = HexFormat.of().formatHex(random);
		Path temporary = control.resolveSibling(control.getFileName() + ".tmp");
		Files.deleteIfExists(temporary);
		Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		Files.writeString(temporary,
				"# Written by DevStackMain: its control port; deleted when it stops." + System.lineSeparator() + "port="
						+ server.getLocalPort() + System.lineSeparator() + "token=" + token + System.lineSeparator());
		Files.move(temporary, control, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		Thread.ofPlatform().name("devstack-control").daemon().start(() -> {
			while (true) {
				try (Socket client = server.accept()) {
					client.setSoTimeout(CONTROL_READ_TIMEOUT_MILLIS);
					BufferedReader in = new BufferedReader(
							new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
					PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.UTF_8);
					String reply = handle(stack, token, in.readLine());
					writeAtomically(servers, describeServers(stack));
					out.println(reply);
				}
				catch (IOException ex) {
					System.err.println("devstack: control request failed: " + ex.getMessage());
				}
			}
		});
	}

	static String handle(DevStack stack, String token, String request) {
		if (request == null || request.length() > MAX_REQUEST_LENGTH) {
			return "error: expected one line: <token> stop|kill|start <server>";
		}
		String[] words = request.strip().split(" +");
		if (words.length != 3 || !MessageDigest.isEqual(words[0].getBytes(StandardCharsets.UTF_8),
				token.getBytes(StandardCharsets.UTF_8))) {
			return "error: expected <token> stop|kill|start <server>, with the token of control.properties";
		}
		String verb = words[1];
		String name = words[2];
		try {
			switch (verb) {
				case "stop" -> stack.stop(name);
				case "kill" -> stack.kill(name);
				case "start" -> stack.start(name);
				default -> {
					return "error: unknown command '" + verb + "'; one of stop, kill, start";
				}
			}
			System.err.println("devstack: " + name + " " + switch (verb) {
				case "stop" -> "stopped";
				case "kill" -> "killed (SIGKILL)";
				default -> "started";
			} + " on request");
			return "ok " + verb + " " + name;
		}
		catch (RuntimeException ex) {
			System.err.println("devstack: " + verb + " " + name + " failed: " + ex.getMessage());
			return "error: " + ex.getMessage().lines().findFirst().orElse("failed") + " (see the devstack log)";
		}
	}

	/**
	 * One line per server: {@code UP <pid>}, {@code STOPPED} or {@code DIED <exit code>}.
	 */
	private static String describeServers(DevStack stack) {
		List<String> lines = new ArrayList<>();
		lines.add("# Written by DevStackMain whenever a server's state changes.");
		for (Component component : stack.servers()) {
			ComponentState state = component.state();
			String value = state.alive() ? "UP " + state.pid()
					: component.unexpectedExitCode().map((code) -> "DIED " + code).orElse("STOPPED");
			lines.add(component.name() + "=" + value);
		}
		return String.join(System.lineSeparator(), lines) + System.lineSeparator();
	}

	private static String describe(DevStack stack) {
		DevStackSettings settings = stack.settings();
		List<String> lines = new ArrayList<>();
		lines.add("# Written by DevStackMain once every server answered; deleted when it stops.");
		lines.add("state.dir=" + settings.stateDir());
		lines.add("redis.host=" + stack.redisHost());
		lines.add("redis.port=" + stack.redisPort());
		lines.add("db.host=" + settings.host());
		lines.add("db.port=" + settings.mariadbPort());
		for (String schema : settings.schemas()) {
			lines.add("db.url." + schema + "=" + stack.jdbcUrl(schema));
			// Local passwords equal the user names (see DevStack#databasePassword).
			lines.add("db.user." + schema + "=" + stack.databaseUser(schema));
		}
		lines.add("kafka.bootstrap=" + stack.kafkaBootstrapServers());
		lines.add("devstack.pid=" + ProcessHandle.current().pid());
		stack.components().forEach((name, state) -> lines.add(name + ".pid=" + state.pid()));
		return String.join(System.lineSeparator(), lines) + System.lineSeparator();
	}

	/**
	 * Readers polling for the file never see it half-written; the two writers take turns.
	 */
	private static synchronized void writeAtomically(Path file, String content) throws IOException {
		Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
		Files.writeString(temporary, content);
		Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
	}

}
