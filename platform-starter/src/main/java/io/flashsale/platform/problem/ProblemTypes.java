package io.flashsale.platform.problem;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * The one place that turns a machine code into a problem type URI and a body.
 *
 * <p>
 * Type URIs are stable: clients may switch on them, so a code is never renamed.
 */
public final class ProblemTypes {

	/** Prefix of every problem type; the code is appended. */
	public static final String BASE = "https://flashsale.dev/problems/";

	/** The member that carries the machine code in every problem body. */
	public static final String CODE = "code";

	private ProblemTypes() {
	}

	public static URI type(String code) {
		return URI.create(BASE + code);
	}

	public static ProblemDetail problem(HttpStatusCode status, String code, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type(code));
		problem.setTitle(title);
		problem.setProperty(CODE, code);
		return problem;
	}

	/**
	 * The problem as the flat JSON object RFC 9457 describes, for writers that bypass
	 * Spring MVC's message converters (security filters, the reactive gateway).
	 * @param problem the problem
	 * @return its members, extension members at the top level
	 */
	public static Map<String, Object> asMap(ProblemDetail problem) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", problem.getType().toString());
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		if (problem.getDetail() != null) {
			body.put("detail", problem.getDetail());
		}
		if (problem.getInstance() != null) {
			body.put("instance", problem.getInstance().toString());
		}
		if (problem.getProperties() != null) {
			body.putAll(problem.getProperties());
		}
		return body;
	}

	/**
	 * The code Spring's own exceptions map to, derived from their status.
	 * @param status the response status
	 * @return a stable code
	 */
	public static String codeFor(HttpStatusCode status) {
		return switch (status.value()) {
			case 400 -> "invalid-request";
			case 401 -> "unauthenticated";
			case 403 -> "forbidden";
			case 404 -> "not-found";
			case 405 -> "method-not-allowed";
			case 406 -> "not-acceptable";
			case 409 -> "conflict";
			case 413 -> "payload-too-large";
			case 415 -> "unsupported-media-type";
			case 422 -> "unprocessable";
			case 429 -> "rate-limited";
			case 503 -> "unavailable";
			default -> status.is5xxServerError() ? "internal-error" : "request-failed";
		};
	}

}
