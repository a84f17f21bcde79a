package io.flashsale.devstack;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A source tree as the supervisor expects one, whose app jars run {@link FakeApp}: each
 * jar holds only a manifest naming this module's compiled classes.
 */
final class FakeApps {

	static final String VERSION = "test";

	static final List<String> APPS = List.of("config-server", "inventory-service", "marketing-service", "order-service",
			"payment-service", "gateway");

	private FakeApps() {
	}

	static Path tree(Path root) throws IOException {
		Files.createDirectories(root.resolve("config-repo"));
		for (String app : APPS) {
			Path jar = Files.createDirectories(root.resolve(app).resolve("target"))
				.resolve(app + "-" + VERSION + ".jar");
			Manifest manifest = new Manifest();
			Attributes attributes = manifest.getMainAttributes();
			attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
			attributes.put(Attributes.Name.MAIN_CLASS, FakeApp.class.getName());
			attributes.put(Attributes.Name.CLASS_PATH, location(FakeApp.class) + " " + location(StackPort.class));
			try (OutputStream out = Files.newOutputStream(jar);
					JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
				// The manifest is all.
			}
		}
		return root;
	}

	private static String location(Class<?> type) {
		try {
			return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toUri().toString();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
