package io.flashsale.devstack;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Kafka in KRaft mode (broker and controller in one process), run as a
 * child JVM from the Kafka jars on this JVM's class path.
 * <p>
 * Layout under {@code <stateDir>/kafka}: {@code server.properties}, the logging
 * configurations and {@code data} (the formatted storage, kept across restarts).
 */
final class KafkaComponent extends Component {

	private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);

	private static final int PROBE_TIMEOUT_MILLIS = 2000;

	private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC",
			"-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true");

	/**
	 * Tests' ephemeral brokers start and stop often and carry little traffic: C1 alone
	 * starts them fastest. The broker of {@code ./flashsale up} carries the rush, where
	 * it is the largest CPU cost per purchase, so it keeps the full tiered JIT.
	 */
	private static final List<String> EPHEMERAL_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1");

	/*
	 * Kafka logs through SLF4J to whichever binding the class path has: log4j2 here (an
	 * optional dependency of devstack), Logback in Spring Boot modules that start a
	 * DevStack. Both configurations log INFO to stdout, which the process redirect
	 * appends to logs/kafka.log; without one, Logback would log DEBUG. Log4j's own
	 * shutdown hook is disabled: it would stop logging while Kafka's hook is still
	 * shutting down.
	 */

	private static final String LOG4J_CONFIG = """
			status = warn
			shutdownHook = disable
			appender.console.type = Console
			appender.console.name = console
			appender.console.target = SYSTEM_OUT
			appender.console.layout.type = PatternLayout
			appender.console.layout.pattern = [%d] %p %m (%c)%n
			rootLogger.level = info
			rootLogger.appenderRef.console.ref = console
			logger.request.name = kafka.request.logger
			logger.request.level = warn
			""";

	private static final String LOGBACK_CONFIG = """
			<configuration>
				<appender name="console" class="ch.qos.logback.core.ConsoleAppender">
					<encoder>
						<pattern>[%d] %level %msg [%logger]%n</pattern>
					</encoder>
				</appender>
				<logger name="kafka.request.logger" level="WARN"/>
				<root level="INFO">
					<appender-ref ref="console"/>
				</root>
			</configuration>
			""";

	private Admin admin;

	private final DevStackSettings settings;

	KafkaComponent(DevStackSettings settings) {
		super("kafka", settings.stateDir(), Duration.ofSeconds(60));
		this.settings = settings;
	}

	@Override
	List<Integer> ports() {
		return List.of(this.settings.kafkaPort(), this.settings.kafkaControllerPort());
	}

	@Override
	String endpoint() {
		return this.settings.host() + ":" + this.settings.kafkaPort();
	}

	@Override
	void prepare() throws IOException, InterruptedException {
		Files.writeString(serverProperties(), serverPropertiesText());
		Files.writeString(log4jConfig(), LOG4J_CONFIG);
		Files.writeString(logbackConfig(), LOGBACK_CONFIG);
		// Formatting writes meta.properties last; storage without it is incomplete and is
		// formatted anew.
		if (!Files.exists(dataDir().resolve("meta.properties"))) {
			Directories.deleteRecursively(dataDir());
			runHelper("format the storage in " + dataDir(), java(List.of(), "kafka.tools.StorageTool", "format", "-t",
					Uuid.randomUuid().toString(), "-c", serverProperties().toString()), FORMAT_TIMEOUT);
		}
	}

	/**
	 * A persistent stack also keeps a class-data-sharing archive of the broker JVM: it
	 * roughly halves the broker's start (2.1 to 1.2 s here) from the second start on, and
	 * is rebuilt by the JVM when the class path changes. Writing it costs about 2 s when
	 * the first broker stops, a loss for an ephemeral stack.
	 */
	@Override
	ProcessBuilder command() {
		List<String> options = this.settings.ephemeral() ? EPHEMERAL_JVM_OPTIONS
				: List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + home().resolve("kafka.jsa"));
		return java(options, "kafka.Kafka", serverProperties().toString());
	}

	/**
	 * Ready once the broker is registered and unfenced, that is when cluster metadata
	 * lists a node.
	 */
	@Override
	boolean answers() throws Exception {
		if (this.admin == null) {
			this.admin = Admin.create(
					Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoint(), AdminClientConfig.CLIENT_ID_CONFIG,
							"devstack-readiness", AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, PROBE_TIMEOUT_MILLIS,
							AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, PROBE_TIMEOUT_MILLIS,
							AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500));
		}
		return !this.admin.describeCluster(new DescribeClusterOptions().timeoutMs(PROBE_TIMEOUT_MILLIS))
			.nodes()
			.get()
			.isEmpty();
	}

	@Override
	void probesFinished() {
		if (this.admin != null) {
			this.admin.close(Duration.ofSeconds(2));
			this.admin = null;
		}
	}

	/**
	 * A child JVM on this JVM's class path, made absolute because the child runs in the
	 * component directory.
	 */
	private ProcessBuilder java(List<String> jvmOptions, String mainClass, String... arguments) {
		String java = ProcessHandle.current()
			.info()
			.command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter((entry) -> !entry.isBlank())
			.map((entry) -> Path.of(entry).toAbsolutePath().toString())
			.collect(Collectors.joining(File.pathSeparator));
		List<String> command = new ArrayList<>();
		command.add(java);
		command.addAll(JVM_OPTIONS);
		command.addAll(jvmOptions);
		command.add("-Dlog4j2.configurationFile=" + log4jConfig());
		command.add("-Dlogback.configurationFile=" + logbackConfig());
		command.addAll(List.of("-cp", classPath, mainClass));
		command.addAll(List.of(arguments));
		return new ProcessBuilder(command).directory(home().toFile());
	}

	private String serverPropertiesText() {
		String host = this.settings.host();
		int port = this.settings.kafkaPort();
		int controllerPort = this.settings.kafkaControllerPort();
		return """
				process.roles=broker,controller
				node.id=1
				controller.quorum.voters=1@%1$s:%3$d
				listeners=PLAINTEXT://%1$s:%2$d,CONTROLLER://%1$s:%3$d
				advertised.listeners=PLAINTEXT://%1$s:%2$d
				controller.listener.names=CONTROLLER
				inter.broker.listener.name=PLAINTEXT
				listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
				log.dirs=%4$s
				num.partitions=3
				offsets.topic.replication.factor=1
				transaction.state.log.replication.factor=1
				transaction.state.log.min.isr=1
				share.coordinator.state.topic.replication.factor=1
				share.coordinator.state.topic.min.isr=1
				group.initial.rebalance.delay.ms=0
				""".formatted(host, port, controllerPort, dataDir());
	}

	private Path serverProperties() {
		return home().resolve("server.properties");
	}

	private Path log4jConfig() {
		return home().resolve("log4j2.properties");
	}

	private Path logbackConfig() {
		return home().resolve("logback.xml");
	}

	private Path dataDir() {
		return home().resolve("data");
	}

}
