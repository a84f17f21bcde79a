package io.flashsale.platform.degrade;

import java.util.Locale;

/**
 * The value of {@code flashsale.switches.shed}: which grades are shed.
 */
public enum ShedLevel {

	/** Every endpoint answers normally. */
	NONE,

	/** NON_CORE endpoints answer their fallback. */
	NON_CORE,

	/** IMPORTANT and NON_CORE endpoints answer their fallback. */
	IMPORTANT;

	/**
	 * Whether this level sheds endpoints of the grade.
	 * @param grade the endpoint's grade
	 * @return {@code true} if the endpoint must answer its fallback
	 */
	public boolean sheds(Grade grade) {
		return switch (grade) {
			case CORE -> false;
			case IMPORTANT -> this == IMPORTANT;
			case NON_CORE -> this != NONE;
		};
	}

	/**
	 * Reads a configured value: {@code none}, {@code non-core} or {@code important}, in
	 * any case, with {@code -} or {@code _}.
	 * @param value the configured value
	 * @return the level
	 * @throws IllegalArgumentException for anything else
	 */
	public static ShedLevel parse(String value) {
		String normalized = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
		return ShedLevel.valueOf(normalized);
	}

}
