package io.flashsale.platform.degrade;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last answers an endpoint gave, by key, for its fallback while it is shed: a small
 * least-recently-used map, so shoppers keep seeing what was true a moment ago instead of
 * an error. Thread-safe; bounded so it never grows with the key space.
 *
 * @param <K> what identifies an answer (an id, a page)
 * @param <V> the answer
 */
public final class LastAnswers<K, V> {

	private final Map<K, V> answers;

	public LastAnswers(int capacity) {
		this.answers = new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
				return size() > capacity;
			}

		};
	}

	/**
	 * Keeps an answer for later.
	 * @param key what identifies it
	 * @param answer the answer
	 * @return the answer, so a handler can {@code return answers.remember(key, value)}
	 */
	public synchronized V remember(K key, V answer) {
		this.answers.put(key, answer);
		return answer;
	}

	/**
	 * The last answer for the key.
	 * @param key what identifies it
	 * @return it, or empty if none was given (or it was evicted)
	 */
	public synchronized Optional<V> recall(K key) {
		return Optional.ofNullable(this.answers.get(key));
	}

}
