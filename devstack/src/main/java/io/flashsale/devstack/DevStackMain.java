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
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.flashsale.devstack.AppComponent.AppSettings;

/**
 * The supervisor behind {@code ./flashsale}: runs the whole local stack (a
 * {@link Supervisor}: Redis, MariaDB, Kafka and the six apps) in the foreground until
 * SIGTERM or SIGINT, keeping the components that are up running when one of them stops.
 * {@link StackCli} starts it detached and talks to it.
 * <p>
 * Contract with the CLI. System properties: {@code flashsale.home} (the state folder,
 * default {@code .flashsale}), {@code flashsale.root} (the source tree: the built jars
 * and {@code config-repo/}) and {@code flashsale.version} (of the built jars); ports from
 * {@link StackPort}. Files under the state folder:
 * <ul>
 * <li>{@code devstack/control.properties} (readable by the owner only) names a loopback
 * port, a token and this JVM's pid; it appears once the port listens and is deleted when
 * the supervisor stops;</li>
 * <li>a client connects, sends one line {@code <token> up|status|stop|kill|start
 * [<component>]} and reads lines back: {@code | text} (progress or status, for stdout),
 * {@code ! text} (details of a failure, such as the last lines of a log, for stderr),
 * then one last line, {@code ok ...} once done or {@code error: ...}. {@code up} starts
 * whatever is not running and answers once everything is ready; {@code start} answers
 * once the component is ready; {@code status} answers {@code ok} only if everything is
 * up;</li>
 * <li>a component that exits later without being asked to is reported on stderr and the
 * others keep running;</li>
 * <li>on SIGTERM or SIGINT everything is stopped in reverse start order.</li>
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
		Path root = Path.of(System.getProperty("flashsale.root", ".")).toAbsolutePath().normalize();
		String version = System.getProperty("flashsale.version", "");
		Path serverDir = home.resolve("devstack");
		Path control = serverDir.resolve("control.properties");
		Files.createDirectories(serverDir);
		StateDirLock lock;
		Supervisor supervisor;
		try {
			lock = StateDirLock.acquire(home);
			// Left over from a run that was killed: the CLI must not mistake it for this
			// run's.
			Files.deleteIfExists(control);
			supervisor = new Supervisor(DevStackSettings.fromEnvironment(serverDir),
					AppSettings.of(home, root, version, System.getenv()));
		}
		catch (RuntimeException ex) {
			System.err.println("devstack: failed to start: " + ex.getMessage());
			System.exit(1);
			return;
		}
		AtomicBoolean shuttingDown = new AtomicBoolean();
		Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("devstack-main-shutdown").unstarted(() -> {
			shuttingDown.set(true);
			supervisor.close();
			try {
				Files.deleteIfExists(control);
			}
			catch (IOException ex) {
				System.err.println("devstack: could not delete " + control + ": " + ex.getMessage());
			}
			lock.close();
		}));
		listenForControl(supervisor, control);
		System.out.println("devstack: supervisor " + ProcessHandle.current().pid() + " listening; see " + control);
		supervise(supervisor, shuttingDown);
	}

	/**
	 * Never returns; a signal ends the JVM through the shutdown hooks. A component that
	 * dies is reported once per process and left down until it is started again.
	 */
	private static void supervise(Supervisor supervisor, AtomicBoolean shuttingDown) throws InterruptedException {
		Map<String, Long> reported = new HashMap<>();
		while (true) {
			Thread.sleep(SUPERVISION_INTERVAL_MILLIS);
			// During shutdown the components exit on purpose.
			if (shuttingDown.get()) {
				continue;
			}
			for (Component component : supervisor.components()) {
				ComponentState state = component.state();
				component.unexpectedExitCode().ifPresent((code) -> {
					if (!Long.valueOf(state.pid()).equals(reported.put(component.name(), state.pid()))) {
						System.err.println("devstack: " + component.name() + " died (exit " + code + "); see "
								+ component.logFile() + "; the others keep running; start it again with"
								+ " ./flashsale start " + component.name());
					}
				});
			}
		}
	}

	/**
	 * Opens the control port on the loopback address and serves each client on its own
	 * virtual thread: a status answers while a start is under way. The token keeps other
	 * local users out: only the owner can read the file that holds it.
	 */
	private static void listenForControl(Supervisor supervisor, Path control) throws IOException {
		ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
		byte[] random = new byte[24];
		new SecureRandom().nextBytes(random);
		String token = HexFormat.of().formatHex(random);
		Path temporary = control.resolveSibling(control.getFileName() + ".tmp");
		Files.deleteIfExists(temporary);
		Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		Files.writeString(temporary,
				String.join(System.lineSeparator(),
						"# Written by DevStackMain: its control port; deleted when it stops.",
						"port=" + server.getLocalPort(), "token=" + token, "pid=" + ProcessHandle.current().pid(), ""));
		Files.move(temporary, control, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		Thread.ofPlatform().name("devstack-control").daemon().start(() -> {
			while (true) {
				try {
					Socket client = server.accept();
					Thread.ofVirtual().name("devstack-control-client").start(() -> serve(supervisor, token, client));
				}
				catch (IOException ex) {
					System.err.println("devstack: control port failed: " + ex.getMessage());
				}
			}
		});
	}

	private static void serve(Supervisor supervisor, String token, Socket client) {
		try (client) {
			client.setSoTimeout(CONTROL_READ_TIMEOUT_MILLIS);
			BufferedReader in = new BufferedReader(
					new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
			PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.UTF_8);
			// A client that went away (Ctrl-C) does not stop the work it asked for.
			out.println(handle(supervisor, token, in.readLine(), out::println));
		}
		catch (IOException ex) {
			System.err.println("devstack: control request failed: " + ex.getMessage());
		}
	}

	/**
	 * Carries out one request.
	 * @param lines receives the reply's lines before the last one
	 * @return the last line of the reply
	 */
	static String handle(Supervisor supervisor, String token, String request, Consumer<String> lines) {
		if (request == null || request.length() > MAX_REQUEST_LENGTH) {
			return "error: expected one line: <token> up|status|stop|kill|start [<component>]";
		}
		String[] words = request.strip().split(" +");
		if (words.length < 2 || words.length > 3 || !MessageDigest.isEqual(words[0].getBytes(StandardCharsets.UTF_8),
				token.getBytes(StandardCharsets.UTF_8))) {
			return "error: expected <token> up|status|stop|kill|start [<component>], with the token of"
					+ " control.properties";
		}
		String verb = words[1];
		String name = (words.length == 3) ? words[2] : null;
		boolean named = List.of("stop", "kill", "start").contains(verb);
		if (!named && !List.of("up", "status").contains(verb)) {
			return "error: unknown command '" + verb + "'; one of up, status, stop, kill, start";
		}
		if (named != (name != null)) {
			return "error: " + verb + (named ? " needs a component" : " takes no component");
		}
		try {
			switch (verb) {
				case "up" -> supervisor.up((line) -> lines.accept("| " + line));
				case "status" -> {
					Supervisor.Status status = supervisor.status();
					status.lines().forEach((line) -> lines.accept("| " + line));
					return status.allUp() ? "ok" : "error: not everything is up";
				}
				case "stop" -> supervisor.stop(name);
				case "kill" -> supervisor.kill(name);
				default -> supervisor.start(name);
			}
			if (name != null) {
				System.err.println("devstack: " + name + " " + switch (verb) {
					case "stop" -> "stopped";
					case "kill" -> "killed (SIGKILL)";
					default -> "started";
				} + " on request");
			}
			return "ok " + verb + ((name != null) ? " " + name : "");
		}
		catch (RuntimeException ex) {
			String message = String.valueOf(ex.getMessage());
			System.err.println("devstack: " + verb + ((name != null) ? " " + name : "") + " failed: " + message);
			List<String> all = message.lines().toList();
			all.stream().skip(1).forEach((line) -> lines.accept("! " + line));
			return "error: " + (all.isEmpty() ? "failed" : all.get(0));
		}
	}

}
