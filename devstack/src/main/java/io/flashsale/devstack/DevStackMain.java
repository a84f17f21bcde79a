package io.flashsale.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a {@link DevStack} in the foreground until SIGTERM or SIGINT.
 * <p>
 * Contract with the {@code flashsale} CLI, all files under the state directory (system
 * property {@code flashsale.home}, default {@code .flashsale}; ports from
 * {@link DevStackSettings#fromEnvironment}):
 * <ul>
 * <li>once every server answers, {@code devstack.properties} appears (written atomically)
 * and one line {@code devstack ready: ...} is printed to stdout;</li>
 * <li>if a server fails to start or later dies, the others are stopped,
 * {@code devstack.failed} (containing the component name) appears, the reason goes to
 * stderr and the JVM exits with status 1;</li>
 * <li>on SIGTERM or SIGINT everything is stopped and {@code devstack.properties} is
 * deleted.</li>
 * </ul>
 */
public final class DevStackMain {

	private static final long SUPERVISION_INTERVAL_MILLIS = 2000;

	private DevStackMain() {
	}

	public static void main(String[] args) throws IOException, InterruptedException {
		Path home = Path.of(System.getProperty("flashsale.home", ".flashsale")).toAbsolutePath().normalize();
		Path properties = home.resolve("devstack.properties");
		Path failed = home.resolve("devstack.failed");
		Files.createDirectories(home);
		// Left over from a run that was killed: pollers must not mistake them for this
		// run's.
		Files.deleteIfExists(properties);
		Files.deleteIfExists(failed);
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
			try {
				Files.deleteIfExists(properties);
			}
			catch (IOException ex) {
				System.err.println("devstack: could not delete " + properties + ": " + ex.getMessage());
			}
		}));
		writeAtomically(properties, describe(stack));
		System.out.println("devstack ready: redis=" + stack.components().get("redis").endpoint() + " mariadb="
				+ stack.components().get("mariadb").endpoint() + " kafka=" + stack.kafkaBootstrapServers());
		supervise(stack, failed, shuttingDown);
	}

	/**
	 * Never returns: a dead server ends the JVM, and so does a signal (through the
	 * shutdown hooks).
	 */
	private static void supervise(DevStack stack, Path failed, AtomicBoolean shuttingDown)
			throws IOException, InterruptedException {
		while (true) {
			Thread.sleep(SUPERVISION_INTERVAL_MILLIS);
			Optional<Component> dead = stack.firstUnexpectedExit();
			// During shutdown the servers exit on purpose (a terminal's Ctrl-C reaches
			// them directly, too).
			if (dead.isPresent() && !shuttingDown.get()) {
				Component component = dead.get();
				System.err.println("devstack: " + component.name() + " died (exit "
						+ component.unexpectedExitCode().orElseThrow() + "); see " + component.logFile());
				Files.writeString(failed, component.name());
				stack.close();
				System.exit(1);
			}
		}
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
		lines.add("db.username=" + stack.username());
		lines.add("db.password=" + stack.password());
		for (String schema : settings.schemas()) {
			lines.add("db.url." + schema + "=" + stack.jdbcUrl(schema));
		}
		lines.add("kafka.bootstrap=" + stack.kafkaBootstrapServers());
		lines.add("devstack.pid=" + ProcessHandle.current().pid());
		stack.components().forEach((name, state) -> lines.add(name + ".pid=" + state.pid()));
		return String.join(System.lineSeparator(), lines) + System.lineSeparator();
	}

	/** Readers polling for the file never see it half-written. */
	private static void writeAtomically(Path file, String content) throws IOException {
		Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
		Files.writeString(temporary, content);
		Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
	}

}
