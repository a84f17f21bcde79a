package io.flashsale.platform.problem;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
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
		ex.headers().forEach(response::header);
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

	/**
	 * A body value of the wrong JSON type (strict, see
	 * {@code io.flashsale.platform.json.StrictJson}) is an invalid request naming the
	 * field and the type it must have; any other unreadable body stays Spring's 400.
	 */
	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		MismatchedInputException mismatch = mismatch(ex);
		if (mismatch == null || mismatch.getPath().isEmpty()) {
			return super.handleHttpMessageNotReadable(ex, headers, status, request);
		}
		String field = field(mismatch.getPath());
		String message = (mismatch instanceof PropertyBindingException) ? "is not a field of this request" : "must be "
				+ expected(mismatch.getTargetType()) + given(mismatch).map((given) -> ", not " + given).orElse("");
		ProblemDetail body = invalidRequest(List.of(Map.of("field", field, "message", message)));
		body.setDetail(field + " " + message + ".");
		return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
	}

	private static MismatchedInputException mismatch(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof MismatchedInputException mismatch) {
				return mismatch;
			}
		}
		return null;
	}

	private static String field(List<JacksonException.Reference> path) {
		StringBuilder field = new StringBuilder();
		for (JacksonException.Reference reference : path) {
			if (reference.getPropertyName() != null) {
				field.append(field.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				field.append('[').append(reference.getIndex()).append(']');
			}
		}
		return field.toString();
	}

	private static String expected(Class<?> type) {
		if (type == null) {
			return "of another type";
		}
		if (type == int.class || type == long.class || type == short.class || type == byte.class
				|| type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
				|| type == BigInteger.class) {
			return "an integer";
		}
		if (type == double.class || type == float.class || type == Double.class || type == Float.class
				|| type == BigDecimal.class) {
			return "a number";
		}
		if (type == boolean.class || type == Boolean.class) {
			return "true or false";
		}
		if (type == String.class) {
			return "a string";
		}
		if (type.isEnum()) {
			return "one of " + Arrays.toString(type.getEnumConstants());
		}
		return "a valid " + type.getSimpleName();
	}

	private static Optional<String> given(MismatchedInputException mismatch) {
		JsonToken token = mismatch.getCurrentToken();
		if (token == null && mismatch instanceof InvalidFormatException invalid && invalid.getValue() != null) {
			Object value = invalid.getValue();
			return Optional.of((value instanceof String) ? "a string"
					: (value instanceof Boolean) ? "a boolean" : (value instanceof Number) ? "a number" : "that value");
		}
		if (token == null) {
			return Optional.empty();
		}
		return Optional.ofNullable(switch (token) {
			case VALUE_STRING -> "a string";
			case VALUE_NUMBER_INT -> "an integer";
			case VALUE_NUMBER_FLOAT -> "a decimal number";
			case VALUE_TRUE, VALUE_FALSE -> "a boolean";
			case START_OBJECT -> "an object";
			case START_ARRAY -> "an array";
			case VALUE_NULL -> "null";
			default -> null;
		});
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
