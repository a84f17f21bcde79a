package io.flashsale.devstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * The CLI's side of the running supervisor's control port (see {@link DevStackMain}).
 *
 * @param port the loopback control port
 * @param token the token every request starts with
 * @param pid the supervisor's process
 */
record ControlClient(int port, String token, long pid) {

	/**
	 * Bounds a request in case the supervisor hangs; each step it takes has its own,
	 * shorter timeout.
	 */
	private static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(10);

	/**
	 * The supervisor of a state folder, if one runs: its control file exists and names a
	 * live process whose command line names the state folder.
	 */
	static Optional<ControlClient> find(Path home) {
		Path file = controlFile(home);
		try {
			if (!Files.exists(file)) {
				return Optional.empty();
			}
			Properties properties = new Properties();
			properties.load(new StringReader(Files.readString(file)));
			ControlClient client = new ControlClient(Integer.parseInt(properties.getProperty("port", "-1")),
					properties.getProperty("token", ""), Long.parseLong(properties.getProperty("pid", "-1")));
			return client.process()
				.filter((process) -> process.info()
					.commandLine()
					.filter((line) -> line.contains(home.toString()))
					.isPresent())
				.map((process) -> client);
		}
		catch (IOException | NumberFormatException ex) {
			return Optional.empty();
		}
	}

	static Path controlFile(Path home) {
		return home.resolve("devstack").resolve("control.properties");
	}

	Optional<ProcessHandle> process() {
		return ProcessHandle.of(this.pid).filter(ProcessHandle::isAlive);
	}

	/**
	 * Sends one request and waits for its last line.
	 * @param request {@code up}, {@code status}, {@code stop redis}, ...
	 * @param output receives the reply's {@code |} lines (progress, status)
	 * @param details receives the reply's {@code !} lines (a failure's log tail)
	 * @return the last line: {@code ok ...} or {@code error: ...}
	 */
	String request(String request, Consumer<String> output, Consumer<String> details) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout((int) ANSWER_TIMEOUT.toMillis());
			new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8).println(this.token + " " + request);
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			String line;
			while ((line = in.readLine()) != null) {
				if (line.startsWith("| ")) {
					output.accept(line.substring(2));
				}
				else if (line.startsWith("! ")) {
					details.accept(line.substring(2));
				}
				else {
					return line;
				}
			}
			return "error: the dev stack closed the connection without an answer (see ./flashsale logs devstack)";
		}
		catch (IOException ex) {
			return "error: the dev stack's control port " + this.port + " does not answer (" + ex.getMessage() + ")";
		}
	}

}
