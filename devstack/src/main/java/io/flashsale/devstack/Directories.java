package io.flashsale.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * File-tree helpers.
 */
final class Directories {

	private Directories() {
	}

	/** Deletes a directory and everything under it; does nothing if it does not exist. */
	static void deleteRecursively(Path dir) {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not delete " + dir, ex);
		}
	}

	/** Whether a directory is missing or has no entries. */
	static boolean isEmpty(Path dir) throws IOException {
		if (!Files.isDirectory(dir)) {
			return true;
		}
		try (Stream<Path> entries = Files.list(dir)) {
			return entries.findAny().isEmpty();
		}
	}

}
