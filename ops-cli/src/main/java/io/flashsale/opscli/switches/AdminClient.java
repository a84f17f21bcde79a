package io.flashsale.opscli.switches;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The config server's admin API over HTTP, with a bearer token per call. An error answer
 * becomes a {@link Failure} carrying its status and the problem's title, detail and field
 * errors.
 */
final class AdminClient {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final URI server;

	private final Supplier<String> token;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

	/**
	 * A client of one config server.
	 * @param server the config server's base URI
	 * @param token mints the admin token, when a call is made
	 */
	AdminClient(URI server, Supplier<String> token) {
		this.server = server;
		this.token = token;
	}

	JsonNode get(String path) {
		return call("GET", path, null);
	}

	JsonNode call(String method, String path, Object body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.server.resolve(path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + this.token.get())
			.header("Accept", "application/json");
		if (body != null) {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		HttpResponse<String> response;
		try {
			response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (ConnectException ex) {
			throw new Failure("the config server is not reachable at " + this.server + " (./flashsale up starts it)");
		}
		catch (IOException ex) {
			throw new Failure("calling the config server at " + this.server + " failed: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new Failure("interrupted");
		}
		JsonNode answer = response.body().isBlank() ? json.nullNode() : readJson(response.body());
		if (response.statusCode() >= 400) {
			throw new Failure(problem(response.statusCode(), answer));
		}
		return answer;
	}

	/** One path segment, encoded. */
	static String encode(String segment) {
		return URLEncoder.encode(segment, StandardCharsets.UTF_8);
	}

	private static JsonNode readJson(String body) {
		try {
			return json.readTree(body);
		}
		catch (RuntimeException ex) {
			return json.nullNode();
		}
	}

	private static String problem(int status, JsonNode problem) {
		StringBuilder text = new StringBuilder().append(status);
		if (problem.hasNonNull("title")) {
			text.append(' ').append(problem.get("title").asString());
		}
		if (problem.hasNonNull("detail")) {
			text.append(": ").append(problem.get("detail").asString());
		}
		if (problem.has("errors")) {
			for (JsonNode error : problem.get("errors")) {
				text.append("\n  ")
					.append(error.path("field").asString(""))
					.append(' ')
					.append(error.path("message").asString(""));
			}
		}
		return text.toString();
	}

}
