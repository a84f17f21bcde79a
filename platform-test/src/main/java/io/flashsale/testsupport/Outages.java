package io.flashsale.testsupport;

/**
 * Takes a real server of the test JVM away and brings it back on the same address, for
 * tests of what a service does while Redis, MariaDB or Kafka is lost.
 * <p>
 * On the dev stack each is a real process: {@link #stop} shuts it down gracefully,
 * {@link #kill} sends SIGKILL as a crash would, and {@link #start} launches it again on
 * the same port with its data (Redis keeps its append-only file, MariaDB its tables,
 * Kafka its topics and records) and returns once it answers. Under Docker the container
 * is paused and unpaused, for a kill too: a restarted container would get another mapped
 * port, so crash tests that need a dead process run on the dev stack.
 * <p>
 * The servers are shared by every test class of the JVM: a test that takes one away
 * brings it back, in an {@code @AfterEach} as well so that a failure does not leak.
 */
public interface Outages {

	void stop(Server server);

	void kill(Server server);

	/** Brings the server back and waits until it answers; does nothing if it is up. */
	void start(Server server);

	/**
	 * Freezes the server: connections stay open, nothing is answered (SIGSTOP on the dev
	 * stack, a paused container under Docker), until {@link #thaw}.
	 */
	void freeze(Server server);

	void thaw(Server server);

	enum Server {

		REDIS("redis"), MARIADB("mariadb"), KAFKA("kafka");

		private final String devStackName;

		Server(String devStackName) {
			this.devStackName = devStackName;
		}

		/** The name {@link io.flashsale.devstack.DevStack} knows the server by. */
		public String devStackName() {
			return this.devStackName;
		}

	}

}
