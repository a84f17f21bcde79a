package io.flashsale.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The meters the code registers, named as Prometheus exports them. */
final class Meters {

	static final Pattern FLASHSALE_METRIC = Pattern.compile("\\bflashsale_[a-z0-9_]+");

	private static final Pattern METER_NAME = Pattern.compile("\"(flashsale\\.[a-z0-9.]+)\"");

	private Meters() {
	}

	/** A series name without the suffix Prometheus adds to counters and histograms. */
	static String base(String series) {
		return series.replaceAll("_(total|bucket|count|sum)$", "");
	}

	/** Meter names in the services' sources, dots to underscores. */
	static Set<String> registered() {
		Set<String> names = new LinkedHashSet<>();
		try (Stream<Path> files = Files.walk(Path.of(".."))) {
			files.filter((file) -> file.toString().endsWith(".java"))
				.filter((file) -> file.toString().contains("/src/main/java/"))
				.forEach((file) -> {
					try {
						Matcher meter = METER_NAME.matcher(Files.readString(file));
						while (meter.find()) {
							names.add(meter.group(1).replace('.', '_'));
						}
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return names;
	}

}
