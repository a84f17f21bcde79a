package io.flashsale.platform.degrade;

import java.lang.reflect.Method;
import java.util.Optional;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Finds an endpoint's grade and fallback, for the shedding aspect and for the wiring test
 * that every handler method is graded and every named fallback exists.
 */
public final class GradedEndpoints {

	private GradedEndpoints() {
	}

	/**
	 * The grade of a handler: its own {@link Graded}, else its class's.
	 * @param method the handler method
	 * @param type the controller class (not a proxy)
	 * @return the annotation, or {@code null} if the handler is not graded
	 */
	public static Graded gradeOf(Method method, Class<?> type) {
		Method specific = ClassUtils.getMostSpecificMethod(method, type);
		Graded graded = AnnotatedElementUtils.findMergedAnnotation(specific, Graded.class);
		return (graded != null) ? graded : AnnotatedElementUtils.findMergedAnnotation(type, Graded.class);
	}

	/**
	 * The fallback a graded handler declares: a method of the same class with the
	 * handler's parameter types, returning something the handler may return.
	 * @param method the handler method
	 * @param type the controller class (not a proxy)
	 * @param graded the handler's grade
	 * @return the fallback, empty when none is declared (the answer is 503 degraded)
	 * @throws IllegalStateException when the declared fallback does not exist or does not
	 * fit
	 */
	public static Optional<Method> fallbackOf(Method method, Class<?> type, Graded graded) {
		if (graded.fallback().isEmpty()) {
			return Optional.empty();
		}
		Method fallback = ReflectionUtils.findMethod(type, graded.fallback(), method.getParameterTypes());
		if (fallback == null) {
			throw new IllegalStateException("Fallback " + graded.fallback() + " of " + type.getName() + "#"
					+ method.getName() + " must be a method of that class with the same parameters");
		}
		if (!ClassUtils.isAssignable(method.getReturnType(), fallback.getReturnType())) {
			throw new IllegalStateException("Fallback " + type.getName() + "#" + fallback.getName()
					+ " must return what " + method.getName() + " returns: " + method.getReturnType().getName());
		}
		ReflectionUtils.makeAccessible(fallback);
		return Optional.of(fallback);
	}

}
