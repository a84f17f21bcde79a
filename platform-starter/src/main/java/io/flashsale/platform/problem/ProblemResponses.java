package io.flashsale.platform.problem;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Writes 401 and 403 as problem details from the servlet security filter chain, where no
 * controller advice reaches.
 */
public final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final JsonMapper json;

	public ProblemResponses(JsonMapper json) {
		this.json = json;
	}

	@Override
	public void commence(jakarta.servlet.http.HttpServletRequest request, HttpServletResponse response,
			AuthenticationException ex) throws IOException {
		response.setHeader("WWW-Authenticate", "Bearer");
		write(response, ProblemTypes.problem(HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated",
				"A valid bearer token is required."));
	}

	@Override
	public void handle(jakarta.servlet.http.HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException ex) throws IOException {
		write(response, ProblemTypes.problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
				"The token does not grant this operation."));
	}

	private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), ProblemTypes.asMap(problem));
	}

}
