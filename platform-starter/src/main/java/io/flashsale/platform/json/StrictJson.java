package io.flashsale.platform.json;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.cfg.MapperBuilder;
import tools.jackson.databind.type.LogicalType;

/**
 * The public API reads JSON as typed: {@code "quantity": "1"} is not the integer 1. A
 * value of another JSON type than its field's is refused rather than converted: no string
 * to number or boolean, no decimal to integer (no truncation of 1.5), no number or
 * boolean to string, no number to boolean or enum, no empty string to a number or
 * boolean. An integer still reads into a decimal field ({@code 1} is a valid
 * {@code 1.0}).
 */
public final class StrictJson {

	/** For each kind of field, the JSON input shapes it refuses instead of coercing. */
	private static final Map<LogicalType, List<CoercionInputShape>> REFUSED = Map.ofEntries(
			Map.entry(LogicalType.Integer,
					List.of(CoercionInputShape.String, CoercionInputShape.EmptyString, CoercionInputShape.Float,
							CoercionInputShape.Boolean)),
			Map.entry(LogicalType.Float,
					List.of(CoercionInputShape.String, CoercionInputShape.EmptyString, CoercionInputShape.Boolean)),
			Map.entry(LogicalType.Boolean,
					List.of(CoercionInputShape.String, CoercionInputShape.EmptyString, CoercionInputShape.Integer,
							CoercionInputShape.Float)),
			Map.entry(LogicalType.Textual,
					List.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean)),
			Map.entry(LogicalType.Enum,
					List.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean)));

	private StrictJson() {
	}

	/** Applies the rules to a mapper builder. */
	public static <B extends MapperBuilder<?, B>> B strict(B builder) {
		builder.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
		REFUSED.forEach((type, shapes) -> builder.withCoercionConfig(type,
				(config) -> shapes.forEach((shape) -> config.setCoercion(shape, CoercionAction.Fail))));
		return builder;
	}

}
