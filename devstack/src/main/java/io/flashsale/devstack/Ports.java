package io.flashsale.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Probes of local TCP ports.
 */
final class Ports {

	private static final int CONNECT_TIMEOUT_MILLIS = 500;

	private static final Pattern SS_PID = Pattern.compile("pid=(\\d+)");

	private static final int OWNER_COMMAND_LENGTH = 100;

	private Ports() {
	}

	/**
	 * Ports the kernel hands out as free, all distinct: every socket stays open until the
	 * last one is bound. Another process may still take one of them before the server
	 * that is meant to use it does.
	 */
	static int[] freeLoopbackPorts(int count) {
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			int[] ports = new int[count];
			for (int i = 0; i < count; i++) {
				ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				sockets.add(socket);
				ports[i] = socket.getLocalPort();
			}
			return ports;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free loopback port", ex);
		}
		finally {
			for (ServerSocket socket : sockets) {
				try {
					socket.close();
				}
				catch (IOException ex) {
					// Nothing was sent on it.
				}
			}
		}
	}

	/**
	 * Whether a server could bind {@code host:port} now (it conflicts with a listener on
	 * any address).
	 */
	static boolean isFree(String host, int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(host, port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** Whether something accepts TCP connections on {@code host:port}. */
	static boolean accepts(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Fails unless a server could bind {@code host:port} now, naming the process that
	 * listens there when it can be seen.
	 * @param component what is meant to listen there, for the message
	 * @throws IllegalStateException if the port is taken
	 */
	static void requireFree(String component, String host, int port) {
		if (!isFree(host, port)) {
			throw new IllegalStateException("port " + port + " (" + component + ") is already in use by "
					+ owner(port).orElse("another process") + ". Stop it, or set another port (see ./flashsale help).");
		}
	}

	/**
	 * The listener of a TCP port as {@code pid 123: redis-server 127.0.0.1:6379}, as
	 * {@code ss} shows it (only this user's processes show a pid); empty when it cannot
	 * be seen.
	 */
	static Optional<String> owner(int port) {
		try {
			Process ss = new ProcessBuilder("ss", "-ltnpH", "sport = :" + port).redirectErrorStream(true).start();
			String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!ss.waitFor(5, TimeUnit.SECONDS)) {
				ss.destroyForcibly();
				return Optional.empty();
			}
			Matcher pid = SS_PID.matcher(out);
			if (!pid.find()) {
				return Optional.empty();
			}
			String command = ProcessHandle.of(Long.parseLong(pid.group(1)))
				.flatMap((handle) -> handle.info().commandLine())
				.map((line) -> (line.length() > OWNER_COMMAND_LENGTH) ? line.substring(0, OWNER_COMMAND_LENGTH) : line)
				.orElse("?");
			return Optional.of("pid " + pid.group(1) + ": " + command);
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}

}
