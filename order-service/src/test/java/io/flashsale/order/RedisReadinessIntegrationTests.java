package io.flashsale.order;

import java.time.Duration;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.flashsale.testsupport.IntegrationTest;
import io.flashsale.testsupport.Outages;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * order-service cannot take purchases without Redis, so losing Redis must take it out of
 * the load balancer (readiness DOWN) without killing it (liveness stays UP), and bring it
 * back when Redis returns.
 */
@IntegrationTest
class RedisReadinessIntegrationTests {

	@Autowired
	Outages outages;

	@LocalServerPort
	int port;

	@AfterEach
	void restoreRedis() {
		this.outages.start(Outages.Server.REDIS);
	}

	@Test
	void readinessFollowsRedisWhileLivenessStaysUp() {
		assertThat(awaitStatus("/actuator/health/readiness", 200)).isEqualTo(200);

		this.outages.stop(Outages.Server.REDIS);
		assertThat(awaitStatus("/actuator/health/readiness", 503)).isEqualTo(503);
		assertThat(status("/actuator/health/liveness")).isEqualTo(200);

		this.outages.start(Outages.Server.REDIS);
		assertThat(awaitStatus("/actuator/health/readiness", 200)).isEqualTo(200);
	}

	private int awaitStatus(String path, int expected) {
		return poll(() -> status(path), expected, Duration.ofSeconds(30));
	}

	private int status(String path) {
		HttpStatusCode code = RestClient.create("http://127.0.0.1:" + this.port)
			.get()
			.uri(path)
			.retrieve()
			.onStatus((s) -> true, (request, response) -> {
			})
			.toBodilessEntity()
			.getStatusCode();
		return code.value();
	}

	private static int poll(Supplier<Integer> probe, int expected, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		int last = probe.get();
		while (last != expected && System.nanoTime() < deadline) {
			try {
				Thread.sleep(250);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			last = probe.get();
		}
		return last;
	}

}
