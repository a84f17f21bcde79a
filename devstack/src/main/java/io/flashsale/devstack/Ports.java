package io.flashsale.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Probes of local TCP ports.
 */
final class Ports {

	private static final int CONNECT_TIMEOUT_MILLIS = 500;

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

}
