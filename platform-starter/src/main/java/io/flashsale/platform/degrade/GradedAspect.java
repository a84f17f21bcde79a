package io.flashsale.platform.degrade;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.reflect.MethodSignature;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Sheds graded endpoints: while the shed switch covers a handler's grade, the handler is
 * not called; its fallback answers, or a 503 {@code degraded} with {@code Retry-After}.
 * Each shed call counts in {@code flashsale.degrade.shed{grade,endpoint}}.
 */
@Aspect
class GradedAspect {

	static final String RETRY_AFTER = "flashsale.degrade.retry-after";

	private final LiveSwitches switches;

	private final Environment environment;

	private final ObjectProvider<MeterRegistry> meters;

	private final Map<Method, Optional<Graded>> grades = new ConcurrentHashMap<>();

	private final Map<Method, Optional<Method>> fallbacks = new ConcurrentHashMap<>();

	GradedAspect(LiveSwitches switches, Environment environment, ObjectProvider<MeterRegistry> meters) {
		this.switches = switches;
		this.environment = environment;
		this.meters = meters;
	}

	@Around("@within(io.flashsale.platform.degrade.Graded) || @annotation(io.flashsale.platform.degrade.Graded)")
	public Object shed(ProceedingJoinPoint call) throws Throwable {
		Method method = ((MethodSignature) call.getSignature()).getMethod();
		Class<?> type = AopUtils.getTargetClass(call.getTarget());
		// Every request passes here, purchases included: the grade is resolved once per
		// handler, and a CORE handler (never shed) does not even read the switch.
		Graded graded = this.grades.computeIfAbsent(method, (handler) -> gradeOf(handler, type)).orElse(null);
		if (graded == null || graded.value() == Grade.CORE || !this.switches.sheds(graded.value())) {
			return call.proceed();
		}
		this.meters.ifAvailable(
				(registry) -> registry
					.counter("flashsale.degrade.shed", "grade", graded.value().tag(), "endpoint",
							type.getSimpleName() + "." + method.getName())
					.increment());
		Optional<Method> fallback = this.fallbacks.computeIfAbsent(method,
				(handler) -> GradedEndpoints.fallbackOf(handler, type, graded));
		if (fallback.isPresent()) {
			try {
				Object target = Modifier.isStatic(fallback.get().getModifiers()) ? null : call.getTarget();
				return fallback.get().invoke(target, call.getArgs());
			}
			catch (InvocationTargetException ex) {
				if (!(ex.getTargetException() instanceof Degraded)) {
					throw ex.getTargetException();
				}
				// A fallback with nothing to answer (no cached data yet) gives up.
			}
		}
		long retryAfter = Math.max(1,
				this.environment.getProperty(RETRY_AFTER, Duration.class, Duration.ofSeconds(30)).toSeconds());
		// The advice builds the body; the header has to be on the response already.
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
				&& request.getResponse() != null) {
			request.getResponse().setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
		}
		throw new Degraded(graded.value(), retryAfter);
	}

	private static Optional<Graded> gradeOf(Method handler, Class<?> type) {
		return Optional.ofNullable(GradedEndpoints.gradeOf(handler, type));
	}

}
