package io.flashsale.loadtest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A shopper's or an admin's view of the stack: HTTP/1.1 calls to the gateway with a
 * bearer token, answers read as JSON.
 */
public final class Gateway {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String baseUrl;

	private final HttpClient http;

	public Gateway(String baseUrl) {
		this.baseUrl = baseUrl;
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.executor(Executors.newVirtualThreadPerTaskExecutor())
			.build();
	}

	public Answer get(String path, String token) {
		return send(request(path, token).GET().build());
	}

	public Answer post(String path, String token, String idempotencyKey, String json) {
		HttpRequest.Builder request = request(path, token).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return send(request.build());
	}

	public Answer put(String path, String token, String json) {
		return send(request(path, token).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	/**
	 * A call outside the gateway, without a token: a shopper confirming a payment at the
	 * channel's own page ({@code payUrl}).
	 */
	public Answer postTo(String url, String json) {
		return send(HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	private HttpRequest.Builder request(String path, String token) {
		return HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + token);
	}

	private Answer send(HttpRequest request) {
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			return new Answer(-1, ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Answer(-1, "interrupted");
		}
	}

	/**
	 * One HTTP answer; status -1 when no answer came (connection refused, timeout).
	 *
	 * @param status the HTTP status
	 * @param body the body, or the transport error
	 */
	public record Answer(int status, String body) {

		public JsonNode json() {
			return JSON.readTree(this.body);
		}

		/** The problem {@code code} of an error answer, or an empty string. */
		public String code() {
			if (this.status < 400 || this.body == null || !this.body.startsWith("{")) {
				return "";
			}
			JsonNode code = json().get("code");
			return (code != null) ? code.asString() : "";
		}

		public Answer expect(int expected, String what) {
			if (this.status != expected) {
				throw new IllegalStateException(
						what + ": expected HTTP " + expected + " but got " + this.status + " " + this.body);
			}
			return this;
		}

	}

}
