package io.flashsale.platform.problem;

import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one advice of every servlet service: every error leaves as a problem detail with a
 * {@code type} and a {@code code}.
 *
 * <p>
 * A 5xx never echoes an exception message: the cause is logged with the request id and
 * the caller gets a generic detail.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	@ExceptionHandler(ApiProblem.class)
	ResponseEntity<ProblemDetail> apiProblem(ApiProblem ex) {
		ProblemDetail body = ProblemTypes.problem(ex.status(), ex.code(), ex.title(), ex.getMessage());
		ex.properties().forEach(body::setProperty);
		ResponseEntity.BodyBuilder response = ResponseEntity.status(ex.status());
		if (ex.properties().get(ApiProblem.RETRY_AFTER_SECONDS) instanceof Number seconds) {
			response.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds.longValue()));
		}
		return response.body(body);
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException ex) {
		List<Map<String, String>> errors = ex.getConstraintViolations()
			.stream()
			.map((violation) -> Map.of("field", String.valueOf(violation.getPropertyPath()), "message",
					violation.getMessage()))
			.toList();
		return ResponseEntity.badRequest().body(invalidRequest(errors));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex) {
		log.error("Unhandled exception", ex);
		return ResponseEntity.internalServerError()
			.body(ProblemTypes.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
					"The request could not be completed. Quote the X-Request-Id header when reporting it."));
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail body = invalidRequest(
				ex.getBindingResult().getFieldErrors().stream().map(this::fieldError).toList());
		return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail body = invalidRequest(ex.getParameterValidationResults()
			.stream()
			.flatMap((result) -> result.getResolvableErrors()
				.stream()
				.map((error) -> Map.of("field", result.getMethodParameter().getParameterName() + "", "message",
						String.valueOf(error.getDefaultMessage()))))
			.toList());
		return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * Gives Spring's own problem bodies a stable type and code, and strips detail from
	 * 5xx.
	 */
	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
			WebRequest request) {
		if (body instanceof ProblemDetail problem
				&& (problem.getProperties() == null || !problem.getProperties().containsKey(ProblemTypes.CODE))) {
			String code = ProblemTypes.codeFor(status);
			problem.setType(ProblemTypes.type(code));
			problem.setProperty(ProblemTypes.CODE, code);
			if (status.is5xxServerError()) {
				problem.setDetail(null);
			}
		}
		return super.createResponseEntity(body, headers, status, request);
	}

	private static ProblemDetail invalidRequest(List<Map<String, String>> errors) {
		ProblemDetail body = ProblemTypes.problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
				"The request has invalid values.");
		body.setProperty("errors", errors);
		return body;
	}

	private Map<String, String> fieldError(FieldError error) {
		return Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage()));
	}

}
