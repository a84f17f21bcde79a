package io.flashsale.marketing.pricing;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which stages may combine. A stage is applied only if it may combine with every stage
 * already applied to the quote; a pair combines only when neither side's entry leaves the
 * other out, so the matrix is symmetric whatever the configuration lists. A stage without
 * an entry combines with every other.
 *
 * @param combinesWith per stage, the stages it may combine with
 */
public record StackingMatrix(Map<Stage, Set<Stage>> combinesWith) {

	public StackingMatrix {
		Map<Stage, Set<Stage>> copy = new EnumMap<>(Stage.class);
		if (combinesWith != null) {
			combinesWith.forEach((stage, others) -> copy.put(stage,
					(others == null || others.isEmpty()) ? EnumSet.noneOf(Stage.class) : EnumSet.copyOf(others)));
		}
		combinesWith = Map.copyOf(copy);
	}

	/** Every stage combines with every other: the default. */
	public static StackingMatrix allCombine() {
		return new StackingMatrix(Map.of());
	}

	public boolean combine(Stage a, Stage b) {
		return a == b || (allows(a, b) && allows(b, a));
	}

	boolean combinesWithAll(Stage stage, Set<Stage> applied) {
		return applied.stream().allMatch((other) -> combine(stage, other));
	}

	private boolean allows(Stage from, Stage to) {
		Set<Stage> others = this.combinesWith.get(from);
		return others == null || others.contains(to);
	}

}
