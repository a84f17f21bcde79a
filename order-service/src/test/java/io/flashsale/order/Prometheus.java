package io.flashsale.order;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one sample out of a {@code /actuator/prometheus} page. */
public final class Prometheus {

	private Prometheus() {
	}

	/**
	 * The value of the series with these labels (name, value, name, value...), 0 when it
	 * is absent.
	 */
	public static double sample(String page, String name, String... labels) {
		Matcher matcher = Pattern.compile("^" + Pattern.quote(name) + "\\{(.*)\\} (\\S+)$", Pattern.MULTILINE)
			.matcher(page);
		while (matcher.find()) {
			boolean matches = true;
			for (int i = 0; i < labels.length; i += 2) {
				matches &= matcher.group(1).contains(labels[i] + "=\"" + labels[i + 1] + "\"");
			}
			if (matches) {
				return Double.parseDouble(matcher.group(2));
			}
		}
		return 0;
	}

}
