package io.flashsale.devstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import redis.embedded.core.ExecutableProvider;

/**
 * A real redis-server (the binary bundled in embedded-redis, Redis 6.2) with an
 * append-only file: every write is appended and fsynced once a second, so a stop, a
 * restart and even a SIGKILL of the server keep every stock counter (the kernel still
 * holds what the process wrote; only a crash of the machine could lose the last second).
 * No RDB snapshots.
 * <p>
 * Layout under {@code <stateDir>/redis}: {@code bin} (the binary), {@code data} (the
 * append-only file) and {@code redis.conf}.
 */
final class RedisComponent extends Component {

	private static final int PROBE_TIMEOUT_MILLIS = 1000;

	private Path executable;

	private final DevStackSettings settings;

	RedisComponent(DevStackSettings settings) {
		super("redis", settings.stateDir(), Duration.ofSeconds(10));
		this.settings = settings;
	}

	@Override
	List<Integer> ports() {
		return List.of(this.settings.redisPort());
	}

	@Override
	String endpoint() {
		return this.settings.host() + ":" + this.settings.redisPort();
	}

	@Override
	void prepare() throws IOException {
		Path binaries = Files.createDirectories(home().resolve("bin"));
		// Unpacked on every launch: cheap, and the library marks the file delete-on-exit
		// anyway.
		this.executable = ExecutableProvider.newJarResourceProvider(binaries.toFile()).get().toPath();
		Files.createDirectories(dataDir());
		// Redis 6.2 keeps the append-only file in "dir" (appenddirname came with 7.0).
		Files.writeString(configFile(), """
				bind %s
				port %d
				dir "%s"
				daemonize no
				logfile ""
				save ""
				appendonly yes
				appendfilename "appendonly.aof"
				appendfsync everysec
				aof-use-rdb-preamble yes
				""".formatted(this.settings.host(), this.settings.redisPort(), dataDir()));
	}

	@Override
	ProcessBuilder command() {
		return new ProcessBuilder(this.executable.toString(), configFile().toString()).directory(home().toFile());
	}

	@Override
	boolean answers() throws IOException {
		return "+PONG".equals(ping(this.settings.host(), this.settings.redisPort()));
	}

	private Path dataDir() {
		return home().resolve("data");
	}

	private Path configFile() {
		return home().resolve("redis.conf");
	}

	/** Sends {@code PING} in RESP and returns the reply line, such as {@code +PONG}. */
	static String ping(String host, int port) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), PROBE_TIMEOUT_MILLIS);
			socket.setSoTimeout(PROBE_TIMEOUT_MILLIS);
			OutputStream out = socket.getOutputStream();
			out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
		}
	}

}
