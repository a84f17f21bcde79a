package io.flashsale.devstack;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a {@link DevStack} keeps its state and on which loopback ports its servers
 * listen.
 *
 * @param stateDir directory for data, logs and unpacked binaries; made absolute
 * @param host address every server binds to and clients connect to
 * @param redisPort Redis port
 * @param mariadbPort MariaDB port
 * @param kafkaPort Kafka client (PLAINTEXT) port
 * @param kafkaControllerPort Kafka KRaft controller port
 * @param schemas MariaDB schemas to create, each with its own {@link #databaseUser user}
 * @param ephemeral whether {@link DevStack#close()} deletes {@code stateDir}
 */
public record DevStackSettings(Path stateDir, String host, int redisPort, int mariadbPort, int kafkaPort,
		int kafkaControllerPort, List<String> schemas, boolean ephemeral) {

	static final String LOOPBACK = "127.0.0.1";

	static final List<String> DEFAULT_SCHEMAS = List.of("orders", "payments", "marketing", "inventory");

	/** The service schemas' users, named for the service that owns the schema. */
	private static final Map<String, String> SERVICE_USERS = Map.of("orders", "order_service", "payments",
			"payment_service", "marketing", "marketing_service", "inventory", "inventory_service");

	// Schema names end up in SQL identifiers and grants, so only plain names are
	// accepted.
	private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

	public DevStackSettings {
		Objects.requireNonNull(stateDir, "stateDir");
		Objects.requireNonNull(host, "host");
		Objects.requireNonNull(schemas, "schemas");
		stateDir = stateDir.toAbsolutePath().normalize();
		schemas = List.copyOf(schemas);
		Set<Integer> ports = new HashSet<>();
		for (int port : new int[] { redisPort, mariadbPort, kafkaPort, kafkaControllerPort }) {
			if (port < 1 || port > 65535) {
				throw new IllegalArgumentException("Port " + port + " is out of range");
			}
			if (!ports.add(port)) {
				throw new IllegalArgumentException("Port " + port + " is assigned to two components");
			}
		}
		for (String schema : schemas) {
			if (!SCHEMA_NAME.matcher(schema).matches()) {
				throw new IllegalArgumentException("Schema name '" + schema + "' does not match " + SCHEMA_NAME);
			}
		}
	}

	/**
	 * The database user that owns a schema and may use no other: {@code order_service},
	 * {@code payment_service}, {@code marketing_service} and {@code inventory_service}
	 * for the service schemas, {@code <schema>_user} for any other.
	 * @param schema one of {@link #schemas()}
	 * @return the user name
	 * @throws IllegalArgumentException if the schema is not one of these settings
	 */
	public String databaseUser(String schema) {
		if (!this.schemas.contains(schema)) {
			throw new IllegalArgumentException("Schema '" + schema + "' is not one of " + this.schemas);
		}
		return SERVICE_USERS.getOrDefault(schema, schema + "_user");
	}

	/**
	 * The {@link StackPort#defaultPort() default ports} (Redis 16379, MariaDB 13306,
	 * Kafka 19092 and 19093), the four service schemas and a state directory that
	 * survives {@link DevStack#close()}.
	 * @param stateDir where data, logs and binaries are kept
	 * @return the default settings
	 */
	public static DevStackSettings defaults(Path stateDir) {
		return new DevStackSettings(stateDir, LOOPBACK, StackPort.REDIS.defaultPort(), StackPort.MARIADB.defaultPort(),
				StackPort.KAFKA.defaultPort(), StackPort.KAFKA_CONTROLLER.defaultPort(), DEFAULT_SCHEMAS, false);
	}

	/**
	 * Free random loopback ports and a state directory that {@link DevStack#close()}
	 * deletes: for tests, several of which may run side by side.
	 * @param stateDir where data, logs and binaries are kept until the stack is closed
	 * @return settings for a throw-away stack
	 */
	public static DevStackSettings ephemeral(Path stateDir) {
		int[] ports = Ports.freeLoopbackPorts(4);
		return new DevStackSettings(stateDir, LOOPBACK, ports[0], ports[1], ports[2], ports[3], DEFAULT_SCHEMAS, true);
	}

	/**
	 * The {@link #defaults(Path) defaults}, with ports overridden by the environment
	 * variables of {@link StackPort} ({@code FLASHSALE_REDIS_PORT},
	 * {@code FLASHSALE_DB_PORT}, {@code FLASHSALE_KAFKA_PORT} and
	 * {@code FLASHSALE_KAFKA_CONTROLLER_PORT}) where set.
	 * @param stateDir where data, logs and binaries are kept
	 * @return the settings
	 * @throws IllegalArgumentException if a variable is not a port number
	 */
	public static DevStackSettings fromEnvironment(Path stateDir) {
		return fromEnvironment(stateDir, System.getenv());
	}

	static DevStackSettings fromEnvironment(Path stateDir, Map<String, String> environment) {
		return new DevStackSettings(stateDir, LOOPBACK, StackPort.REDIS.port(environment),
				StackPort.MARIADB.port(environment), StackPort.KAFKA.port(environment),
				StackPort.KAFKA_CONTROLLER.port(environment), DEFAULT_SCHEMAS, false);
	}

}
