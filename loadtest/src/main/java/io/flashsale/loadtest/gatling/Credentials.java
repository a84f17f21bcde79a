package io.flashsale.loadtest.gatling;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.LongFunction;

import io.flashsale.platform.security.LocalTokens;

/**
 * The tokens of a run: an admin's (sale setup, reconciliation) and a shopper's per
 * virtual user. Minted from the configured secret ({@code FLASHSALE_JWT_SECRET}, else the
 * local profile's built-in one), or read from a credentials file for a stack whose secret
 * is not at hand.
 */
final class Credentials {

	private final String admin;

	private final LongFunction<String> shoppers;

	private final String source;

	private Credentials(String admin, LongFunction<String> shoppers, String source) {
		this.admin = admin;
		this.shoppers = shoppers;
		this.source = source;
	}

	/** Tokens minted for fresh shoppers {@code lt-<run>-<n>}, one per virtual user. */
	static Credentials minted(String run) {
		LocalTokens tokens = LocalTokens.forLocalStack(Duration.ofHours(2));
		return new Credentials(tokens.admin("loadtest-ops"), (n) -> tokens.user("lt-" + run + "-" + n),
				"minted from " + ((System.getenv("FLASHSALE_JWT_SECRET") != null) ? "FLASHSALE_JWT_SECRET"
						: "the local profile's built-in secret"));
	}

	/**
	 * Reads a credentials file, a properties file: {@code admin=TOKEN} and
	 * {@code shopper.1=TOKEN}, {@code shopper.2=TOKEN}, ... Virtual users take the
	 * shoppers in turn, so with fewer shoppers than users most purchases meet the
	 * per-shopper limit (409 limit-exceeded, a deliberate answer).
	 */
	static Credentials fromFile(Path file) {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(file)) {
			properties.load(reader);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("cannot read the credentials file " + file + ": " + ex.getMessage());
		}
		String admin = properties.getProperty("admin");
		List<String> shoppers = new ArrayList<>();
		for (int n = 1; properties.getProperty("shopper." + n) != null; n++) {
			shoppers.add(properties.getProperty("shopper." + n).strip());
		}
		if (admin == null || admin.isBlank() || shoppers.isEmpty()) {
			throw new IllegalArgumentException(
					"the credentials file " + file + " needs admin=TOKEN and shopper.1=TOKEN (shopper.2, ...)");
		}
		List<String> tokens = List.copyOf(shoppers);
		return new Credentials(admin.strip(), (n) -> tokens.get((int) (n % tokens.size())),
				"read from " + file + " (" + tokens.size() + " shoppers)");
	}

	String admin() {
		return this.admin;
	}

	/** The {@code n}-th virtual user's token. */
	String shopper(long n) {
		return this.shoppers.apply(n);
	}

	/** Where the tokens come from, for the run's settings; never a token. */
	String source() {
		return this.source;
	}

}
