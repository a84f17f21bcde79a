package io.flashsale.contracts;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random identifiers for the hot path: order ids, event ids, request ids.
 *
 * <p>
 * {@link UUID#randomUUID()} draws from one shared {@code SecureRandom}, a lock and a
 * system call per id under load. These ids name things and deduplicate them; none is a
 * secret (every read checks ownership), so a per-thread generator with 122 random bits
 * per id is enough. Never use them for tokens, nonces or anything a caller must not
 * guess.
 */
public final class Ids {

	private Ids() {
	}

	/**
	 * A version 4 (random) UUID from the calling thread's generator.
	 * @return a new UUID
	 */
	public static UUID randomUuid() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long most = (random.nextLong() & ~0xF000L) | 0x4000L;
		long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(most, least);
	}

	/**
	 * 32 lowercase hex digits of a {@link #randomUuid()}.
	 * @return the hex string
	 */
	public static String randomHex() {
		UUID uuid = randomUuid();
		return hex(uuid.getMostSignificantBits()) + hex(uuid.getLeastSignificantBits());
	}

	private static String hex(long value) {
		String digits = Long.toHexString(value);
		return "0".repeat(16 - digits.length()) + digits;
	}

}
