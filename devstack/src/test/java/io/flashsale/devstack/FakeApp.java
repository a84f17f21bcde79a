package io.flashsale.devstack;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for a Spring Boot app in the supervisor's tests, run from a jar named for
 * the app ({@link FakeApps}): listens on the app's port and answers
 * {@code /actuator/health/readiness} with 200 until it is stopped. With
 * {@code -Dfake.fail=true} it exits with code 3 at once.
 */
public final class FakeApp {

	private FakeApp() {
	}

	public static void main(String[] args) throws Exception {
		String jar = Path.of(System.getProperty("java.class.path")).getFileName().toString();
		String name = jar.substring(0, jar.length() - ".jar".length());
		System.out.println("fake " + name + " starting");
		if (Boolean.getBoolean("fake.fail")) {
			System.out.println("fake " + name + " failing on purpose");
			System.exit(3);
		}
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", StackPort.of(name).port()), 10);
		server.createContext("/actuator/health/readiness", (exchange) -> {
			byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
		System.out.println("fake " + name + " ready: profile " + System.getProperty("spring.profiles.active")
				+ ", config repo " + System.getProperty("FLASHSALE_CONFIG_REPO") + ", config server "
				+ System.getenv("FLASHSALE_CONFIG_URI"));
	}

}
