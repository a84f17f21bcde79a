package io.flashsale.loadtest.bench;

import java.util.function.IntFunction;
import java.util.function.Predicate;

import io.flashsale.loadtest.OpenModel.Outcome;
import io.flashsale.loadtest.OpenModel.RequestWriter;

/**
 * One of the three measured answers against one target.
 *
 * @param id {@code a}, {@code b} or {@code c}
 * @param name what the answer is
 * @param prepare the requests of a step of the given count; it does the per-step work
 * (minting fresh shoppers' tokens) before the step, so none of it is on the send path
 * @param success the intended outcome
 */
record Scenario(String id, String name, IntFunction<RequestWriter> prepare, Predicate<Outcome> success) {

	static Predicate<Outcome> answers(int status) {
		return (outcome) -> outcome.status() == status;
	}

	static Predicate<Outcome> answers(int status, String code) {
		return (outcome) -> outcome.status() == status && outcome.code().equals(code);
	}

}
