package io.flashsale.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.flashsale.devstack.AppComponent.AppSettings;

/**
 * The whole local stack: the {@link DevStack} servers and the six apps, each a
 * {@link Component} child process of this JVM. Start order: the servers, then
 * config-server, then the four services and the gateway together; stop order is the
 * reverse. Any one component can be stopped, killed and started again while the others
 * keep running.
 */
final class Supervisor implements AutoCloseable {

	static final List<String> SERVERS = List.of("redis", "mariadb", "kafka");

	static final String CONFIG_SERVER = "config-server";

	/** Started together once the config server is ready. */
	static final List<String> SERVICES = List.of("inventory-service", "marketing-service", "order-service",
			"payment-service", "gateway");

	/** Every component the CLI can name, in start order. */
	static final List<String> COMPONENTS = Stream.of(SERVERS.stream(), Stream.of(CONFIG_SERVER), SERVICES.stream())
		.flatMap((names) -> names)
		.toList();

	private final DevStackSettings serverSettings;

	private final Map<String, AppComponent> apps = new LinkedHashMap<>();

	private volatile DevStack servers;

	/** The component whose start made the last {@link #up} fail, for the status. */
	private volatile String failed;

	private volatile boolean closed;

	/**
	 * Stops apps that an earlier supervisor with the same state folder left running (it
	 * was killed with SIGKILL, say); servers are handled likewise by {@link DevStack}.
	 * The caller holds the state folder's lock.
	 */
	Supervisor(DevStackSettings serverSettings, AppSettings appSettings) {
		this.serverSettings = serverSettings;
		List<ProcessHandle> leftovers = new ArrayList<>();
		for (String app : Stream.concat(Stream.of(CONFIG_SERVER), SERVICES.stream()).toList()) {
			AppComponent component = new AppComponent(app, appSettings);
			this.apps.put(app, component);
			try {
				component.signalLeftover().ifPresent(leftovers::add);
				Logs.rotate(component.logFile());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		leftovers.forEach(Component::terminate);
	}

	/**
	 * Starts whatever is not running, in start order, and returns once everything is
	 * ready.
	 * @param progress told what is being started, in the CLI's words
	 * @throws IllegalStateException if a port is taken or a component fails or is not
	 * ready within its timeout; the message names it and ends with the last lines of its
	 * log; whatever runs keeps running
	 */
	synchronized void up(Consumer<String> progress) {
		checkOpen();
		this.failed = null;
		progress.accept("starting the dev stack (Redis :" + this.serverSettings.redisPort() + ", MariaDB :"
				+ this.serverSettings.mariadbPort() + ", Kafka :" + this.serverSettings.kafkaPort() + ")...");
		DevStack running = this.servers;
		if (running == null) {
			Ports.requireFree("redis", this.serverSettings.host(), this.serverSettings.redisPort());
			Ports.requireFree("mariadb", this.serverSettings.host(), this.serverSettings.mariadbPort());
			Ports.requireFree("kafka", this.serverSettings.host(), this.serverSettings.kafkaPort());
			Ports.requireFree("kafka-controller", this.serverSettings.host(),
					this.serverSettings.kafkaControllerPort());
			DevStack started = recordingFailure(() -> DevStack.start(this.serverSettings));
			started.closeOnlyWhenAsked();
			this.servers = started;
			if (this.closed) {
				started.close();
				checkOpen();
			}
		}
		else {
			for (String server : SERVERS) {
				if (!running.components().get(server).alive()) {
					progress.accept("starting " + server + " again...");
					recordingFailure(() -> {
						running.start(server);
						return null;
					});
				}
			}
		}
		progress.accept("starting " + CONFIG_SERVER + "...");
		startApps(List.of(CONFIG_SERVER));
		progress.accept("starting " + String.join(", ", SERVICES) + "...");
		startApps(SERVICES);
	}

	/**
	 * Starts apps in parallel, each unless it runs; the first failure is rethrown once
	 * every start has ended.
	 */
	private void startApps(List<String> names) {
		List<AppComponent> stopped = names.stream().map(this.apps::get).filter((app) -> !app.state().alive()).toList();
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<?>> starts = new ArrayList<>();
			for (AppComponent app : stopped) {
				starts.add(executor.submit(() -> {
					startApp(app);
					return null;
				}));
			}
			RuntimeException first = null;
			for (Future<?> start : starts) {
				try {
					start.get();
				}
				catch (ExecutionException ex) {
					if (first == null) {
						first = (ex.getCause() instanceof RuntimeException runtime) ? runtime
								: new IllegalStateException(ex.getCause());
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted while starting the apps", ex);
				}
			}
			if (first != null) {
				throw first;
			}
		}
	}

	private void startApp(AppComponent app) {
		recordingFailure(() -> {
			checkOpen();
			if (!app.state().alive()) {
				for (int port : app.ports()) {
					Ports.requireFree(app.name(), DevStackSettings.LOOPBACK, port);
				}
				try {
					app.start();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted while starting " + app.name(), ex);
				}
			}
			return null;
		});
	}

	private <T> T recordingFailure(Supplier<T> step) {
		try {
			return step.get();
		}
		catch (ComponentFailure ex) {
			this.failed = ex.component();
			throw ex;
		}
	}

	/**
	 * Stops one component gracefully (SIGTERM, SIGKILL after
	 * {@link Component#STOP_GRACE}) while the others keep running. Does nothing if it is
	 * not running.
	 * @throws IllegalArgumentException for an unknown name
	 */
	synchronized void stop(String name) {
		if (SERVERS.contains(name)) {
			runningServers().stop(name);
		}
		else {
			app(name).stop();
		}
	}

	/**
	 * Kills one component with SIGKILL, as a crash would.
	 * @throws IllegalArgumentException for an unknown name
	 */
	synchronized void kill(String name) {
		if (SERVERS.contains(name)) {
			runningServers().kill(name);
		}
		else {
			app(name).kill();
		}
	}

	/**
	 * Starts one component again, on the same port with the same data, and returns once
	 * it is ready. Does nothing if it runs.
	 * @throws IllegalArgumentException for an unknown name
	 * @throws IllegalStateException if it fails or is not ready in time
	 */
	synchronized void start(String name) {
		checkOpen();
		if (SERVERS.contains(name)) {
			runningServers().start(name);
		}
		else {
			startApp(app(name));
		}
		if (name.equals(this.failed)) {
			this.failed = null;
		}
	}

	private DevStack runningServers() {
		DevStack running = this.servers;
		if (running == null) {
			throw new IllegalStateException("the servers are not running; ./flashsale up starts everything");
		}
		return running;
	}

	private AppComponent app(String name) {
		AppComponent app = this.apps.get(name);
		if (app == null) {
			throw new IllegalArgumentException(
					"unknown component '" + name + "'; one of: " + String.join(" ", COMPONENTS));
		}
		return app;
	}

	private void checkOpen() {
		if (this.closed) {
			throw new IllegalStateException("the supervisor is stopping");
		}
	}

	/**
	 * One line per component, as {@code ./flashsale status} prints them: servers
	 * {@code UP} (listening) or {@code STOPPED} or {@code DOWN}, apps {@code READY},
	 * {@code NOT-READY} (their readiness did not answer 200) or {@code STOPPED}. Needs no
	 * lock, so it answers while a start is under way.
	 * @return the lines, and whether everything is up and ready
	 */
	Status status() {
		List<String> lines = new ArrayList<>();
		boolean allUp = true;
		DevStack running = this.servers;
		String host = this.serverSettings.host();
		for (String name : SERVERS) {
			int port = port(name);
			Optional<Component> component = (running != null)
					? running.servers().stream().filter((server) -> server.name().equals(name)).findFirst()
					: Optional.empty();
			ComponentState state = component.map(Component::state).orElse(null);
			if (state != null && state.alive() && Ports.accepts(host, port)) {
				lines.add("%-18s %-8s pid %-8s %s:%-6s listening".formatted(name, "UP", state.pid(), host, port));
				continue;
			}
			allUp = false;
			Optional<Integer> died = component.flatMap(Component::unexpectedExitCode);
			if (died.isPresent()) {
				lines.add("%-18s %-8s %-12s %s:%-6s died (exit %d); ./flashsale start %s".formatted(name, "DOWN", "",
						host, port, died.get(), name));
			}
			else if (state != null && !state.alive() && component.get().stopRequested()) {
				lines.add("%-18s %-8s %-12s %s:%-6s stopped on request (./flashsale start %s)".formatted(name,
						"STOPPED", "", host, port, name));
			}
			else {
				lines.add("%-18s %-8s %-12s %s:%-6s not listening".formatted(name, "DOWN", "", host, port));
			}
		}
		String failure = this.failed;
		if (failure != null) {
			lines.add("%-18s FAILED: %s".formatted("devstack", failure));
			allUp = false;
		}
		for (AppComponent app : this.apps.values()) {
			ComponentState state = app.state();
			if (!state.alive()) {
				lines.add("%-18s %-8s".formatted(app.name(), "STOPPED"));
				allUp = false;
				continue;
			}
			String code;
			try {
				code = Integer.toString(app.readiness());
			}
			catch (IOException ex) {
				code = "no answer";
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				code = "no answer";
			}
			if (code.equals("200")) {
				lines.add("%-18s %-8s pid %-8s %s".formatted(app.name(), "READY", state.pid(), app.url()));
			}
			else {
				lines.add("%-18s %-8s pid %-8s %s (readiness: %s)".formatted(app.name(), "NOT-READY", state.pid(),
						app.url(), code));
				allUp = false;
			}
		}
		return new Status(lines, allUp);
	}

	private int port(String server) {
		return switch (server) {
			case "redis" -> this.serverSettings.redisPort();
			case "mariadb" -> this.serverSettings.mariadbPort();
			default -> this.serverSettings.kafkaPort();
		};
	}

	/** Every component, servers first, for the watch on unexpected exits. */
	List<Component> components() {
		List<Component> all = new ArrayList<>();
		DevStack running = this.servers;
		if (running != null) {
			all.addAll(running.servers());
		}
		all.addAll(this.apps.values());
		return all;
	}

	/**
	 * Stops everything in reverse start order: the services and the gateway together, the
	 * config server, then the servers. Idempotent. Takes no lock: a start under way sees
	 * its process stopped and fails.
	 */
	@Override
	public void close() {
		this.closed = true;
		List<AppComponent> services = SERVICES.stream().map(this.apps::get).toList();
		services.forEach(Component::requestStop);
		services.forEach(Component::awaitStop);
		this.apps.get(CONFIG_SERVER).stop();
		DevStack running = this.servers;
		if (running != null) {
			running.close();
		}
	}

	/**
	 * @param lines one per component
	 * @param allUp whether every server listens and every app is ready
	 */
	record Status(List<String> lines, boolean allUp) {

	}

}
