package io.flashsale.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A running local stack of real servers: Redis, MariaDB and a single-node Kafka, each a
 * child process of this JVM, all bound to the loopback address of the
 * {@link DevStackSettings settings}.
 * <p>
 * One server can be stopped, killed and started again while the others keep running
 * ({@link #stop(String)}, {@link #kill(String)}, {@link #start(String)}); it comes back
 * on the same ports with its data.
 * <p>
 * A stack owns its state directory exclusively (a file lock) and stops its servers on
 * {@link #close()} or, failing that, when the JVM shuts down. Servers that an earlier JVM
 * left behind (killed with SIGKILL) are stopped on the next start with the same state
 * directory.
 */
public final class DevStack implements AutoCloseable {

	private final DevStackSettings settings;

	private final RedisComponent redis;

	private final MariaDbComponent mariadb;

	private final KafkaComponent kafka;

	private final StateDirLock lock;

	private final Thread shutdownHook = Thread.ofPlatform().name("devstack-shutdown").unstarted(this::close);

	private boolean closed;

	private DevStack(DevStackSettings settings, StateDirLock lock) {
		this.settings = settings;
		this.redis = new RedisComponent(settings);
		this.mariadb = new MariaDbComponent(settings);
		this.kafka = new KafkaComponent(settings);
		this.lock = lock;
	}

	/**
	 * Starts the three servers in parallel and returns once each answers: Redis a
	 * {@code PING}, MariaDB a {@code select 1} as each schema's user, Kafka a cluster
	 * description listing the broker. Schemas and their users are created if missing;
	 * data and Kafka storage from an earlier run in the same state directory are reused.
	 * @param settings ports and state directory
	 * @return the running stack; close it to stop the servers
	 * @throws IllegalStateException if a port is in use, the state directory is used by
	 * another stack, or a server fails or does not answer within its timeout (Redis 10 s,
	 * MariaDB and Kafka 60 s, counted from the launch of the server process; the one-off
	 * MariaDB install and Kafka storage format have their own limits of 2 and 1 min); the
	 * message names the component and ends with the last lines of its log. Whatever was
	 * started is stopped again.
	 */
	public static DevStack start(DevStackSettings settings) {
		Objects.requireNonNull(settings, "settings");
		try {
			Files.createDirectories(settings.stateDir());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create " + settings.stateDir(), ex);
		}
		DevStack stack = new DevStack(settings, StateDirLock.acquire(settings.stateDir()));
		try {
			stack.startAll();
			return stack;
		}
		catch (RuntimeException ex) {
			stack.close();
			throw ex;
		}
	}

	private void startAll() {
		List<ProcessHandle> leftovers = new ArrayList<>();
		for (Component component : inStopOrder()) {
			try {
				component.signalLeftover().ifPresent(leftovers::add);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		leftovers.forEach(Component::terminate);
		checkPortsFree(inStopOrder());
		for (Component component : inStopOrder()) {
			try {
				Logs.rotate(component.logFile());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		// Registered before anything is launched, so that an exit during startup stops
		// what was launched.
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
		startInParallel(inStopOrder());
	}

	private void checkPortsFree(List<Component> components) {
		for (Component component : components) {
			for (int port : component.ports()) {
				Ports.requireFree(component.name(), this.settings.host(), port);
			}
		}
	}

	/**
	 * Each server takes seconds (MariaDB's first install, Kafka's JVM), so all start at
	 * once. The first failure cancels the others (by interrupting them) and is rethrown
	 * once every start task has finished, so nothing is launched afterwards.
	 */
	private static void startInParallel(List<Component> components) {
		ExecutorService executor = Executors.newFixedThreadPool(components.size(),
				Thread.ofPlatform().name("devstack-start-", 0).daemon().factory());
		try {
			CompletionService<Component> completion = new ExecutorCompletionService<>(executor);
			for (Component component : components) {
				completion.submit(() -> {
					component.start();
					return component;
				});
			}
			for (int i = 0; i < components.size(); i++) {
				completion.take().get();
			}
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime
					: new IllegalStateException("devstack could not start", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while starting devstack", ex);
		}
		finally {
			executor.shutdownNow();
			executor.close();
		}
	}

	public DevStackSettings settings() {
		return this.settings;
	}

	public String redisHost() {
		return this.settings.host();
	}

	public int redisPort() {
		return this.settings.redisPort();
	}

	/**
	 * The JDBC URL of a schema, for the MariaDB Connector/J driver.
	 * @param schema a schema name, usually one of {@link DevStackSettings#schemas()}
	 * @return {@code jdbc:mariadb://<host>:<port>/<schema>}
	 */
	public String jdbcUrl(String schema) {
		return this.mariadb.jdbcUrl(Objects.requireNonNull(schema, "schema"));
	}

	/**
	 * The database user of a schema: it holds the privileges a service and its Flyway
	 * migrations need on that schema, and none on the others.
	 * @param schema one of {@link DevStackSettings#schemas()}
	 * @return the user name, such as {@code order_service} for {@code orders}
	 */
	public String databaseUser(String schema) {
		return this.settings.databaseUser(schema);
	}

	/**
	 * The password of a schema's {@link #databaseUser(String) user}: locally the user
	 * name itself. A real deployment sets passwords from its secrets, never this scheme.
	 */
	public String databasePassword(String schema) {
		return MariaDbComponent.password(databaseUser(schema));
	}

	public String kafkaBootstrapServers() {
		return this.kafka.endpoint();
	}

	/**
	 * Stops one server (gracefully, forcibly after {@link Component#STOP_GRACE 30 s}),
	 * leaving the others running. Its data stays in the state directory for
	 * {@link #start(String)}. Does nothing if it is not running.
	 * @param name {@code redis}, {@code mariadb} or {@code kafka}
	 * @throws IllegalArgumentException for any other name
	 */
	public synchronized void stop(String name) {
		component(name).stop();
	}

	/**
	 * Kills one server with SIGKILL, as a crash would: nothing is flushed or shut down
	 * cleanly. The others keep running; {@link #start(String)} brings it back with what
	 * it had made durable.
	 * @param name {@code redis}, {@code mariadb} or {@code kafka}
	 * @throws IllegalArgumentException for any other name
	 */
	public synchronized void kill(String name) {
		component(name).kill();
	}

	/**
	 * Freezes one server (SIGSTOP): it keeps its connections and its state but answers
	 * nothing, as a long pause or a hung machine would, until {@link #thaw(String)}.
	 * @param name {@code redis}, {@code mariadb} or {@code kafka}
	 * @throws IllegalArgumentException for any other name
	 * @throws IllegalStateException if it is not running or the signal fails
	 */
	public synchronized void freeze(String name) {
		signal(name, "STOP");
	}

	/**
	 * Lets a frozen server go on (SIGCONT).
	 * @param name {@code redis}, {@code mariadb} or {@code kafka}
	 */
	public synchronized void thaw(String name) {
		signal(name, "CONT");
	}

	private void signal(String name, String signal) {
		ComponentState state = component(name).state();
		if (!state.alive()) {
			throw new IllegalStateException(name + " is not running");
		}
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(state.pid())).inheritIO().start();
			if (kill.waitFor() != 0) {
				throw new IllegalStateException("kill -" + signal + " " + state.pid() + " failed");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while signalling " + name, ex);
		}
	}

	/**
	 * Starts one server again on the same ports and with the same data after
	 * {@link #stop(String)}, {@link #kill(String)} or a crash, and returns once it
	 * answers. Does nothing if it is running.
	 * @param name {@code redis}, {@code mariadb} or {@code kafka}
	 * @throws IllegalArgumentException for any other name
	 * @throws IllegalStateException if the stack is closed, a port has been taken
	 * meanwhile, or the server does not answer within its timeout (Redis 10 s, MariaDB
	 * and Kafka 60 s)
	 */
	public synchronized void start(String name) {
		Component component = component(name);
		if (this.closed) {
			throw new IllegalStateException("devstack is closed");
		}
		if (component.state().alive()) {
			return;
		}
		checkPortsFree(List.of(component));
		try {
			component.start();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while starting " + name, ex);
		}
	}

	private Component component(String name) {
		return inStopOrder().stream()
			.filter((component) -> component.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"Unknown server '" + name + "'; the dev stack runs redis, mariadb and kafka"));
	}

	/**
	 * The state of each server, keyed and ordered by name: {@code redis},
	 * {@code mariadb}, {@code kafka}.
	 * @return a snapshot
	 */
	public Map<String, ComponentState> components() {
		Map<String, ComponentState> states = new LinkedHashMap<>();
		for (Component component : List.of(this.redis, this.mariadb, this.kafka)) {
			states.put(component.name(), component.state());
		}
		return Collections.unmodifiableMap(states);
	}

	/**
	 * Leaves stopping the servers when the JVM exits to the caller, who must then close
	 * the stack from a shutdown hook of its own: shutdown hooks run in no particular
	 * order, and the {@link Supervisor} stops its apps before their servers.
	 */
	void closeOnlyWhenAsked() {
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// The JVM is shutting down already; the hook stops the servers.
		}
	}

	/** The servers in stop order, for the supervisor in this package. */
	List<Component> servers() {
		return inStopOrder();
	}

	/** The first server that exited although nobody asked it to, if any. */
	Optional<Component> firstUnexpectedExit() {
		return inStopOrder().stream().filter((component) -> component.unexpectedExitCode().isPresent()).findFirst();
	}

	/**
	 * Stops every server (each gets {@link Component#STOP_GRACE 30 s} after SIGTERM
	 * before it is killed), releases the state directory and, for ephemeral settings,
	 * deletes it. Idempotent; also run by a JVM shutdown hook.
	 */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		try {
			// Asked all at once and awaited in turn, so that they shut down in parallel.
			inStopOrder().forEach(Component::requestStop);
			inStopOrder().forEach(Component::awaitStop);
		}
		finally {
			this.lock.close();
			if (this.settings.ephemeral()) {
				Directories.deleteRecursively(this.settings.stateDir());
			}
			try {
				Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
			}
			catch (IllegalStateException ex) {
				// The JVM is shutting down; this may be the hook itself.
			}
		}
	}

	/** Kafka first: it takes longest to shut down. */
	private List<Component> inStopOrder() {
		return List.of(this.kafka, this.redis, this.mariadb);
	}

}
