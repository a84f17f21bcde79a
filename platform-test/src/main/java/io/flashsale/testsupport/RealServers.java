package io.flashsale.testsupport;

import java.nio.file.Path;

import org.testcontainers.DockerClientFactory;

import io.flashsale.devstack.DevStack;
import io.flashsale.devstack.DevStackSettings;

/**
 * Decides once per JVM where real servers come from, and owns the shared dev stack.
 *
 * <p>
 * {@code -Dflashsale.test.servers=devstack} or {@code =docker} forces a choice; otherwise
 * Docker is used when an engine answers.
 */
public final class RealServers {

	private static Boolean docker;

	private static DevStack devStack;

	private RealServers() {
	}

	public static synchronized boolean useDocker() {
		if (docker == null) {
			String forced = System.getProperty("flashsale.test.servers", "");
			docker = switch (forced) {
				case "docker" -> true;
				case "devstack" -> false;
				default -> dockerAnswers();
			};
		}
		return docker;
	}

	/**
	 * The dev stack of this JVM, started on first use on free loopback ports under
	 * {@code target/}, and stopped when the JVM exits.
	 * @return the running stack
	 */
	public static synchronized DevStack devStack() {
		if (devStack == null) {
			Path stateDir = Path.of("target", "devstack-" + ProcessHandle.current().pid()).toAbsolutePath();
			DevStack started = DevStack.start(DevStackSettings.ephemeral(stateDir));
			Runtime.getRuntime().addShutdownHook(new Thread(started::close, "devstack-shutdown"));
			devStack = started;
		}
		return devStack;
	}

	private static boolean dockerAnswers() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
	}

}
