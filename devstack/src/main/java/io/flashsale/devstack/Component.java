package io.flashsale.devstack;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One server or app of the stack, run as a child process of this JVM. A subclass says how
 * to prepare its files, how to launch it and how to tell that it answers; this class owns
 * the process and the one policy every component follows: its log, its pid file, the wait
 * for readiness (probes every 200 ms until the component's own timeout), the stop
 * (SIGTERM, then SIGKILL after {@link #STOP_GRACE}) and the kill (SIGKILL).
 * <p>
 * Layout: the component keeps its files (at least its pid file) in its home, by default
 * {@code <stateDir>/<name>/}, and its process output (stdout and stderr) in
 * {@code <stateDir>/logs/<name>.log}.
 */
abstract sealed class Component permits RedisComponent, MariaDbComponent, KafkaComponent, AppComponent {

	/**
	 * Time from SIGTERM to SIGKILL, for servers and apps alike: a Spring Boot app's
	 * graceful shutdown may take up to 30 s per phase.
	 */
	static final Duration STOP_GRACE = Duration.ofSeconds(30);

	// Bounded even after SIGKILL, so that a process stuck in the kernel cannot hang a
	// shutdown hook.
	private static final Duration KILL_GRACE = Duration.ofSeconds(5);

	private static final Duration PROBE_INTERVAL = Duration.ofMillis(200);

	private static final int TAIL_LINES = 30;

	private final String name;

	private final Path stateDir;

	private final Duration readyTimeout;

	private final Path home;

	private final Path logFile;

	private volatile Process process;

	/**
	 * A short-lived process of the preparation (an installer, a formatter), stopped with
	 * the component.
	 */
	private volatile Process helper;

	private volatile boolean stopRequested;

	/**
	 * Between {@link #start()} and its end: the last process may be a dead one whose stop
	 * was asked for, while {@link #stopRequested} already speaks for the next.
	 */
	private volatile boolean starting;

	Component(String name, Path stateDir, Duration readyTimeout) {
		this(name, stateDir, stateDir.resolve(name), readyTimeout);
	}

	/**
	 * @param stateDir the stack's state directory, which the process's command line names
	 * (how a leftover process is recognised)
	 * @param home where its files and pid file are kept
	 */
	Component(String name, Path stateDir, Path home, Duration readyTimeout) {
		this.name = name;
		this.stateDir = stateDir;
		this.readyTimeout = readyTimeout;
		this.home = home;
		this.logFile = stateDir.resolve("logs").resolve(name + ".log");
	}

	/** The ports the component listens on; all must be free before it starts. */
	abstract List<Integer> ports();

	/** Where clients reach it, as {@code host:port}. */
	abstract String endpoint();

	/**
	 * Makes the component's files ready for a launch: unpacks binaries, installs or
	 * formats storage once, writes configuration. Runs before every launch, so it must be
	 * cheap when there is nothing to do.
	 */
	abstract void prepare() throws IOException, InterruptedException;

	/** The command of the server process. Output redirection is set by the caller. */
	abstract ProcessBuilder command() throws IOException;

	/**
	 * One readiness probe: whether the server answers at its protocol level. Exceptions
	 * count as "not yet" until the timeout, and the last one is reported then; a
	 * {@link ComponentFailure} (a failed {@link #runHelper helper}) ends the wait at
	 * once.
	 */
	abstract boolean answers() throws Exception;

	/**
	 * Releases whatever the probes held (a client, say), whether the server became ready
	 * or not.
	 */
	void probesFinished() {
	}

	final String name() {
		return this.name;
	}

	final Path home() {
		return this.home;
	}

	final Path logFile() {
		return this.logFile;
	}

	/**
	 * Prepares, launches and waits until the server answers. On any failure the process
	 * is stopped and a {@link ComponentFailure} is thrown.
	 */
	final void start() throws InterruptedException {
		this.starting = true;
		this.stopRequested = false;
		try {
			try {
				launch();
			}
			catch (IOException | RuntimeException ex) {
				stop();
				throw (ex instanceof ComponentFailure failure) ? failure : failure("could not be launched", ex);
			}
			catch (InterruptedException ex) {
				stop();
				throw ex;
			}
			awaitReady();
		}
		finally {
			this.starting = false;
		}
	}

	private void launch() throws IOException, InterruptedException {
		Files.createDirectories(this.home);
		Files.createDirectories(this.logFile.getParent());
		prepare();
		checkNotStopped();
		Logs.note(this.logFile, "starting " + this.name + " on " + endpoint());
		this.process = redirectOutput(command()).start();
		Files.writeString(pidFile(), Long.toString(this.process.pid()));
	}

	private void awaitReady() throws InterruptedException {
		long deadline = System.nanoTime() + this.readyTimeout.toNanos();
		Exception lastError = null;
		try {
			while (true) {
				checkNotStopped();
				Process server = this.process;
				if (!server.isAlive()) {
					throw failure("exited with code " + server.exitValue() + " before answering on " + endpoint(),
							lastError);
				}
				try {
					if (answers()) {
						return;
					}
				}
				catch (ComponentFailure | InterruptedException ex) {
					throw ex;
				}
				catch (Exception ex) {
					lastError = ex;
				}
				if (System.nanoTime() - deadline > 0) {
					throw failure("did not answer on " + endpoint() + " within " + this.readyTimeout.toSeconds() + " s",
							lastError);
				}
				Thread.sleep(PROBE_INTERVAL);
			}
		}
		catch (RuntimeException | InterruptedException ex) {
			stop();
			throw ex;
		}
		finally {
			probesFinished();
		}
	}

	private void checkNotStopped() {
		if (this.stopRequested) {
			throw failure("was stopped while starting", null);
		}
	}

	/**
	 * Runs a helper process to completion, its output going to the component's log.
	 * @param purpose what it does, for the log and for errors ("format its storage")
	 */
	final void runHelper(String purpose, ProcessBuilder command, Duration timeout)
			throws IOException, InterruptedException {
		checkNotStopped();
		Logs.note(this.logFile, purpose);
		Process running = redirectOutput(command).start();
		this.helper = running;
		try {
			if (!running.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw failure("could not " + purpose + " within " + timeout.toSeconds() + " s", null);
			}
			checkNotStopped();
			if (running.exitValue() != 0) {
				throw failure("could not " + purpose + " (exit code " + running.exitValue() + ")", null);
			}
		}
		finally {
			this.helper = null;
			if (running.isAlive()) {
				running.destroyForcibly();
			}
		}
	}

	private ProcessBuilder redirectOutput(ProcessBuilder builder) {
		return builder.redirectErrorStream(true).redirectOutput(Redirect.appendTo(this.logFile.toFile()));
	}

	/** Stops the process gracefully, forcibly after {@link #STOP_GRACE}. Idempotent. */
	final void stop() {
		requestStop();
		awaitStop();
	}

	/**
	 * Asks the process (and any helper) to terminate, without waiting; see
	 * {@link #awaitStop()}.
	 */
	final void requestStop() {
		this.stopRequested = true;
		for (Process running : new Process[] { this.helper, this.process }) {
			if (running != null && running.isAlive()) {
				running.descendants().forEach(ProcessHandle::destroy);
				running.destroy();
			}
		}
	}

	/**
	 * Kills the process and its descendants with SIGKILL, as a crash would, and waits for
	 * them to exit. The exit counts as asked for, so it is not reported as unexpected.
	 * Idempotent.
	 */
	final void kill() {
		this.stopRequested = true;
		for (Process running : new Process[] { this.helper, this.process }) {
			if (running != null && running.isAlive()) {
				List<ProcessHandle> descendants = running.descendants().toList();
				running.destroyForcibly();
				descendants.forEach(ProcessHandle::destroyForcibly);
				awaitExit(running.toHandle(), KILL_GRACE);
			}
		}
		try {
			Files.deleteIfExists(pidFile());
		}
		catch (IOException ex) {
			// A stale pid file is checked against the command line before it is acted on.
		}
	}

	/**
	 * Waits for a stop requested by {@link #requestStop()}, killing the process when it
	 * takes too long.
	 */
	final void awaitStop() {
		Process running = this.process;
		if (running != null) {
			terminate(running.toHandle());
		}
		Process preparation = this.helper;
		if (preparation != null) {
			terminate(preparation.toHandle());
		}
		try {
			Files.deleteIfExists(pidFile());
		}
		catch (IOException ex) {
			// A stale pid file is checked against the command line before it is acted on.
		}
	}

	/**
	 * Sends SIGTERM (again, if it was sent already) and waits {@link #STOP_GRACE} before
	 * killing the process and its descendants.
	 */
	static void terminate(ProcessHandle handle) {
		List<ProcessHandle> descendants = handle.descendants().toList();
		handle.destroy();
		if (!awaitExit(handle, STOP_GRACE)) {
			handle.destroyForcibly();
			awaitExit(handle, KILL_GRACE);
		}
		descendants.forEach(ProcessHandle::destroyForcibly);
	}

	private static boolean awaitExit(ProcessHandle handle, Duration timeout) {
		try {
			handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return !handle.isAlive();
		}
		catch (ExecutionException | TimeoutException ex) {
			return !handle.isAlive();
		}
	}

	/**
	 * Finds a server left running by an earlier JVM with the same state directory that
	 * died without closing its stack (killed with SIGKILL, say), and asks it to
	 * terminate; the caller awaits it with {@link #terminate}. The pid file is trusted
	 * only if that process's command line names this state directory. The caller holds
	 * the state directory's lock, so no live stack owns that process.
	 */
	final Optional<ProcessHandle> signalLeftover() throws IOException {
		Path pidFile = pidFile();
		if (!Files.exists(pidFile)) {
			return Optional.empty();
		}
		String stateDir = this.stateDir.toString();
		Optional<ProcessHandle> leftover = parsePid(Files.readString(pidFile)).flatMap(ProcessHandle::of)
			.filter(ProcessHandle::isAlive)
			.filter((handle) -> handle.info().commandLine().filter((line) -> line.contains(stateDir)).isPresent());
		leftover.ifPresent((handle) -> {
			System.err.println("devstack: stopping " + this.name + " (pid " + handle.pid()
					+ ") left running by an earlier devstack");
			handle.destroy();
		});
		Files.delete(pidFile);
		return leftover;
	}

	private static Optional<Long> parsePid(String text) {
		try {
			return Optional.of(Long.parseLong(text.strip()));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private Path pidFile() {
		return this.home.resolve(this.name + ".pid");
	}

	final ComponentState state() {
		Process running = this.process;
		return new ComponentState(this.name, running != null && running.isAlive(),
				(running != null) ? running.pid() : -1, endpoint());
	}

	/** Whether the process was asked to stop (or killed) since its last start. */
	final boolean stopRequested() {
		return this.stopRequested;
	}

	/** The exit code if the server exited without being asked to. */
	final Optional<Integer> unexpectedExitCode() {
		Process running = this.process;
		if (running == null || this.starting || this.stopRequested || running.isAlive()) {
			return Optional.empty();
		}
		return Optional.of(running.exitValue());
	}

	final ComponentFailure failure(String reason, Throwable cause) {
		StringBuilder message = new StringBuilder(this.name).append(' ').append(reason);
		if (cause != null) {
			message.append(" (").append(cause.toString().lines().findFirst().orElse("")).append(')');
		}
		message.append(System.lineSeparator())
			.append("--- last lines of ")
			.append(this.logFile)
			.append(" ---")
			.append(System.lineSeparator())
			.append(Logs.tail(this.logFile, TAIL_LINES));
		return new ComponentFailure(this.name, message.toString(), cause);
	}

}
