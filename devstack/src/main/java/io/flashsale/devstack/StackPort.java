package io.flashsale.devstack;

import java.util.Map;

/**
 * The loopback port of every component of the local stack and the environment variable
 * that overrides it: the one place these numbers are written down. The {@code flashsale}
 * CLI, the supervisor that passes them to the apps, and the end-to-end tests all read
 * them from here.
 */
public enum StackPort {

	/** Redis. */
	REDIS("redis", "FLASHSALE_REDIS_PORT", 16379),

	/** MariaDB. */
	MARIADB("mariadb", "FLASHSALE_DB_PORT", 13306),

	/** Kafka's client (PLAINTEXT) listener. */
	KAFKA("kafka", "FLASHSALE_KAFKA_PORT", 19092),

	/** Kafka's KRaft controller listener. */
	KAFKA_CONTROLLER("kafka-controller", "FLASHSALE_KAFKA_CONTROLLER_PORT", 19093),

	/** The config server. */
	CONFIG_SERVER("config-server", "FLASHSALE_CONFIG_PORT", 18888),

	/** The gateway, the shoppers' entry. */
	GATEWAY("gateway", "FLASHSALE_GATEWAY_PORT", 18080),

	/** order-service. */
	ORDER_SERVICE("order-service", "FLASHSALE_ORDER_PORT", 18081),

	/** payment-service. */
	PAYMENT_SERVICE("payment-service", "FLASHSALE_PAYMENT_PORT", 18082),

	/** marketing-service. */
	MARKETING_SERVICE("marketing-service", "FLASHSALE_MARKETING_PORT", 18083),

	/** inventory-service. */
	INVENTORY_SERVICE("inventory-service", "FLASHSALE_INVENTORY_PORT", 18084);

	private final String component;

	private final String variable;

	private final int defaultPort;

	StackPort(String component, String variable, int defaultPort) {
		this.component = component;
		this.variable = variable;
		this.defaultPort = defaultPort;
	}

	/** The component that listens on it, as the CLI names it ({@code order-service}). */
	public String component() {
		return this.component;
	}

	/** The environment variable that overrides {@link #defaultPort()}. */
	public String variable() {
		return this.variable;
	}

	public int defaultPort() {
		return this.defaultPort;
	}

	/**
	 * The port this process's environment gives, or the default.
	 * @throws IllegalArgumentException if the variable is set to something other than a
	 * port number
	 */
	public int port() {
		return port(System.getenv());
	}

	/**
	 * The port an environment gives, or the default.
	 * @param environment variables, such as {@link System#getenv()}
	 * @return the port
	 * @throws IllegalArgumentException if the variable is set to something other than a
	 * port number
	 */
	public int port(Map<String, String> environment) {
		String value = environment.get(this.variable);
		if (value == null || value.isBlank()) {
			return this.defaultPort;
		}
		try {
			int port = Integer.parseInt(value.strip());
			if (port < 1 || port > 65535) {
				throw new IllegalArgumentException(this.variable + " must be a port number, not '" + value + "'");
			}
			return port;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(this.variable + " must be a port number, not '" + value + "'", ex);
		}
	}

	/**
	 * The port of a component by its CLI name.
	 * @param component such as {@code gateway}
	 * @return its port
	 * @throws IllegalArgumentException for an unknown name
	 */
	public static StackPort of(String component) {
		for (StackPort port : values()) {
			if (port.component.equals(component)) {
				return port;
			}
		}
		throw new IllegalArgumentException("No port for '" + component + "'");
	}

}
