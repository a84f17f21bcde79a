package io.flashsale.devstack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * The plain-text log files of the components.
 */
final class Logs {

	private static final int TAIL_BYTES = 16 * 1024;

	private Logs() {
	}

	/**
	 * Appends a line marked as written by devstack, so that a log shows where each launch
	 * begins.
	 */
	static void note(Path log, String message) throws IOException {
		String line = "--- devstack " + LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS) + ": " + message
				+ System.lineSeparator();
		Files.writeString(log, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
	}

	/**
	 * Keeps the previous session's log as {@code <name>.1} so that logs do not grow
	 * without bound.
	 */
	static void rotate(Path log) throws IOException {
		if (Files.exists(log)) {
			Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
		}
	}

	/**
	 * The last {@code lines} lines of a log, or a note saying why there are none; never
	 * throws.
	 */
	static String tail(Path log, int lines) {
		try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
			long start = Math.max(0, file.length() - TAIL_BYTES);
			byte[] bytes = new byte[(int) (file.length() - start)];
			file.seek(start);
			file.readFully(bytes);
			List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
			List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
			return last.isEmpty() ? "(" + log + " is empty)" : String.join(System.lineSeparator(), last);
		}
		catch (IOException ex) {
			return "(" + log + " could not be read: " + ex.getMessage() + ")";
		}
	}

}
