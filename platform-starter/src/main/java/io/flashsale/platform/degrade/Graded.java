package io.flashsale.platform.degrade;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An endpoint's grade, next to its code: on a handler method, or on a controller for all
 * its handlers (a method's own annotation wins).
 *
 * <p>
 * While the shed switch covers the grade, the handler is not run: the {@link #fallback()}
 * method of the same bean answers instead (same parameters, a return type the handler may
 * return: static or last-cached data), or, without one, a 503 problem {@code degraded}
 * with {@code Retry-After}. A fallback that has nothing to answer (no cached data yet)
 * throws {@link Degraded} and the caller gets the same 503.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Graded {

	/**
	 * The grade.
	 * @return the grade
	 */
	Grade value();

	/**
	 * The name of the method that answers while the grade is shed; empty for a 503
	 * {@code degraded}.
	 * @return the fallback method's name
	 */
	String fallback() default "";

}
