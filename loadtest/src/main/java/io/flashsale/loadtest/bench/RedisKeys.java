package io.flashsale.loadtest.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Sets a few Redis keys for the reference server's sales: RESP over a socket, which is
 * all the bench needs of Redis (no client library on its classpath).
 */
final class RedisKeys {

	private RedisKeys() {
	}

	/**
	 * {@code SET key value} on each pair, in order.
	 * @param redis {@code redis://[:password@]host:port}
	 * @throws IllegalStateException when Redis is unreachable or refuses
	 */
	static void set(URI redis, String... keysAndValues) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(redis.getHost(), (redis.getPort() > 0) ? redis.getPort() : 6379),
					5000);
			socket.setSoTimeout(5000);
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			String userInfo = redis.getUserInfo();
			if (userInfo != null && !userInfo.isEmpty()) {
				String password = userInfo.substring(userInfo.indexOf(':') + 1);
				call(out, in, "AUTH", password);
			}
			for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
				call(out, in, "SET", keysAndValues[i], keysAndValues[i + 1]);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot reach the reference's Redis at " + redis.getHost() + ":"
					+ redis.getPort() + " (--reference-redis): " + ex.getMessage(), ex);
		}
	}

	private static void call(OutputStream out, InputStream in, String... words) throws IOException {
		StringBuilder command = new StringBuilder("*").append(words.length).append("\r\n");
		for (String word : words) {
			byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
			command.append('$').append(bytes.length).append("\r\n").append(word).append("\r\n");
		}
		out.write(command.toString().getBytes(StandardCharsets.UTF_8));
		out.flush();
		StringBuilder reply = new StringBuilder();
		for (int b = in.read(); b != '\n'; b = in.read()) {
			if (b < 0) {
				throw new IOException("Redis closed the connection");
			}
			reply.append((char) b);
		}
		if (!reply.toString().startsWith("+")) {
			throw new IllegalStateException("Redis refused " + words[0] + ": " + reply.toString().trim());
		}
	}

}
