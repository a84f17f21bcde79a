package io.flashsale.configserver;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Calls the running config server as a client would, with or without a token, and reads
 * every answer (errors included) as JSON.
 */
public final class AdminApi {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final RestClient client;

	public AdminApi(int port) {
		this.client = RestClient.create("http://127.0.0.1:" + port);
	}

	public Answer get(String path, String token) {
		return call(HttpMethod.GET, path, null, token);
	}

	/**
	 * Reads configuration as a service does, with the config clients' credentials of the
	 * local profile.
	 * @param path for example {@code /order-service/default}
	 * @return the answer
	 */
	public Answer config(String path) {
		return this.client.get()
			.uri(path)
			.headers((headers) -> headers.setBasicAuth(LOCAL_CONFIG_USER, LOCAL_CONFIG_PASSWORD))
			.exchange((req, response) -> {
				String text = new String(response.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
				return new Answer(response.getStatusCode().value(), text.isBlank() ? null : json.readTree(text));
			});
	}

	/** The config clients' user and built-in password of the local profile. */
	public static final String LOCAL_CONFIG_USER = "config-client";

	public static final String LOCAL_CONFIG_PASSWORD = "local-config-password-change-me";

	public Answer call(HttpMethod method, String path, Object body, String token) {
		RestClient.RequestBodySpec request = this.client.method(method).uri(path).headers((headers) -> {
			if (token != null) {
				headers.setBearerAuth(token);
			}
		});
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(body));
		}
		return request.exchange((req, response) -> {
			String text = new String(response.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			return new Answer(response.getStatusCode().value(), text.isBlank() ? null : json.readTree(text));
		});
	}

	/**
	 * A response.
	 *
	 * @param status the HTTP status
	 * @param body the JSON body, or {@code null}
	 */
	public record Answer(int status, JsonNode body) {

	}

}
