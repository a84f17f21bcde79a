package io.flashsale.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Spring Boot app of the local stack (config-server, gateway or a service), run from
 * its executable jar with the Spring profile {@code local}. Ready once
 * {@code /actuator/health/readiness} answers 200.
 * <p>
 * The app runs from a copy of its jar in {@code <stateDir>/apps/}, where its pid file is
 * kept too: a rebuild replacing {@code target/*.jar} under a running JVM breaks its class
 * loading.
 */
final class AppComponent extends Component {

	/**
	 * Five Spring Boot apps start at once, each with Flyway and its first Kafka
	 * connection: on 2 busy cores one took over 2 minutes (the script this replaced
	 * waited 120 s per app, one app after the other).
	 */
	static final Duration READY_TIMEOUT = Duration.ofSeconds(300);

	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(PROBE_TIMEOUT)
		.build();

	private final AppSettings settings;

	private final int port;

	AppComponent(String name, AppSettings settings) {
		super(name, settings.stateDir(), settings.stateDir().resolve("apps"), READY_TIMEOUT);
		this.settings = settings;
		this.port = StackPort.of(name).port(settings.environment());
	}

	@Override
	List<Integer> ports() {
		return List.of(this.port);
	}

	@Override
	String endpoint() {
		return DevStackSettings.LOOPBACK + ":" + this.port;
	}

	String url() {
		return "http://" + endpoint();
	}

	@Override
	void prepare() throws IOException {
		Path built = this.settings.builtJar(name());
		if (!Files.isRegularFile(built)) {
			throw failure("is not built (no " + built + "); ./flashsale up builds everything", null);
		}
		Files.copy(built, jar(), StandardCopyOption.REPLACE_EXISTING);
	}

	/**
	 * The JVM flags of {@code FLASHSALE_JAVA_OPTS}, the local profile (the built-in JWT
	 * secret, config-client password, channel secrets and payment-service's sandbox
	 * wallets exist only there: docs/security.md), the state folder and the config repo;
	 * every port variable is set, so that the apps find each other.
	 */
	@Override
	ProcessBuilder command() {
		List<String> command = new ArrayList<>();
		command.add(this.settings.java());
		command.addAll(this.settings.javaOptions());
		command.add("-Dspring.profiles.active=local");
		command.add("-Dflashsale.home=" + this.settings.stateDir());
		// A search location: a folder, so with the trailing slash.
		command.add("-DFLASHSALE_CONFIG_REPO=file:" + this.settings.configRepo() + "/");
		command.addAll(List.of("-jar", jar().toString()));
		ProcessBuilder builder = new ProcessBuilder(command);
		builder.environment().putAll(this.settings.appEnvironment());
		return builder;
	}

	@Override
	boolean answers() throws IOException, InterruptedException {
		return readiness() == 200;
	}

	/** The status code of the readiness endpoint; throws when it does not answer. */
	int readiness() throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness"))
			.timeout(PROBE_TIMEOUT)
			.build();
		return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private Path jar() {
		return home().resolve(name() + ".jar");
	}

	/**
	 * What every app is run with.
	 *
	 * @param stateDir the stack's state folder ({@code FLASHSALE_HOME})
	 * @param root the source tree, holding {@code <app>/target/<app>-<version>.jar} and
	 * {@code config-repo/}
	 * @param version the version of the built jars
	 * @param java the {@code java} executable
	 * @param javaOptions JVM flags
	 * @param environment where ports are read from ({@link StackPort})
	 */
	record AppSettings(Path stateDir, Path root, String version, String java, List<String> javaOptions,
			Map<String, String> environment) {

		/**
		 * The JVM flags of the apps unless {@code FLASHSALE_JAVA_OPTS} says otherwise:
		 * the full tiered JIT (C2), which serves a rush two to three times faster than C1
		 * alone for a few seconds more at start (docs/performance.md), and the serial
		 * collector, which on two cores pauses least for these heaps.
		 */
		static final String DEFAULT_JAVA_OPTIONS = "-Xms128m -Xmx384m -XX:+UseSerialGC -Xss512k";

		AppSettings {
			stateDir = stateDir.toAbsolutePath().normalize();
			root = root.toAbsolutePath().normalize();
			javaOptions = List.copyOf(javaOptions);
			environment = Map.copyOf(environment);
		}

		/**
		 * Settings from an environment: {@code FLASHSALE_JAVA_OPTS} and the port
		 * variables; the apps run on this JVM's {@code java}.
		 */
		static AppSettings of(Path stateDir, Path root, String version, Map<String, String> environment) {
			String options = environment.getOrDefault("FLASHSALE_JAVA_OPTS", "");
			if (options.isBlank()) {
				options = DEFAULT_JAVA_OPTIONS;
			}
			String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
			return new AppSettings(stateDir, root, version, java, List.of(options.strip().split("\\s+")), environment);
		}

		Path builtJar(String app) {
			return this.root.resolve(app).resolve("target").resolve(app + "-" + this.version + ".jar");
		}

		Path configRepo() {
			return this.root.resolve("config-repo");
		}

		/**
		 * The environment plus every port variable (defaults included) and
		 * {@code FLASHSALE_CONFIG_URI}, the config server's address.
		 */
		Map<String, String> appEnvironment() {
			Map<String, String> variables = new LinkedHashMap<>();
			for (StackPort port : StackPort.values()) {
				variables.put(port.variable(), Integer.toString(port.port(this.environment)));
			}
			variables.put("FLASHSALE_CONFIG_URI",
					"http://" + DevStackSettings.LOOPBACK + ":" + StackPort.CONFIG_SERVER.port(this.environment));
			return variables;
		}

	}

}
