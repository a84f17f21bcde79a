package io.flashsale.deployment;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code k8s/}: every manifest is a Kubernetes API object of a known kind whose fields
 * all belong to the schema (fabric8's model keeps unknown fields aside: there must be
 * none), and every app's Deployment agrees with the code (port, probes on the actuator
 * health groups, image, Service, HPA capped at the partition count for Kafka consumers).
 */
class KubernetesManifestsTests {

	private static final Path K8S = Manifests.ROOT.resolve("k8s");

	/** Custom resources of the operators the manifests rely on (Strimzi). */
	private static final Set<String> CUSTOM_KINDS = Set.of("kafka.strimzi.io/v1beta2/Kafka",
			"kafka.strimzi.io/v1beta2/KafkaNodePool");

	private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

	@Test
	void everyManifestParsesAsAKubernetesObjectWithOnlySchemaFields() {
		int objects = 0;
		for (Map.Entry<Path, List<Map<String, Object>>> file : resources().entrySet()) {
			for (Map<String, Object> document : file.getValue()) {
				HasMetadata object = SERIALIZATION.unmarshal(SERIALIZATION.asJson(document), HasMetadata.class);
				String kind = object.getApiVersion() + "/" + object.getKind();
				assertThat(object.getMetadata().getName()).as("%s in %s has a name", kind, file.getKey()).isNotBlank();
				if (object instanceof GenericKubernetesResource) {
					assertThat(CUSTOM_KINDS).as("%s in %s is a known kind", kind, file.getKey()).contains(kind);
				}
				else {
					assertThat(unknownFields(object)).as("fields outside the %s schema in %s", kind, file.getKey())
						.isEmpty();
				}
				objects++;
			}
		}
		assertThat(objects).isGreaterThanOrEqualTo(25);
	}

	@Test
	void kustomizationsListOnlyFilesThatExist() {
		for (Path kustomization : List.of(K8S.resolve("base/kustomization.yaml"),
				K8S.resolve("overlays/local/kustomization.yaml"),
				K8S.resolve("overlays/production/kustomization.yaml"))) {
			Map<String, Object> content = Manifests.yaml(kustomization);
			Path dir = kustomization.getParent();
			for (Object resource : (List<?>) content.get("resources")) {
				assertThat(dir.resolve((String) resource)).as("%s lists %s", kustomization, resource).exists();
			}
			for (Object generator : list(content.get("configMapGenerator"))) {
				for (Object file : (List<?>) ((Map<?, ?>) generator).get("files")) {
					assertThat(dir.resolve((String) file)).as("%s generates from %s", kustomization, file).exists();
				}
			}
			for (Object generator : list(content.get("secretGenerator"))) {
				for (Object env : (List<?>) ((Map<?, ?>) generator).get("envs")) {
					// Secrets are never committed: the operator copies the example.
					assertThat(dir.resolve(env + ".example")).as("%s documents %s", kustomization, env).exists();
				}
			}
		}
		// Every manifest of the base is listed, so none is silently left out of a
		// deployment.
		List<String> listed = ((List<?>) Manifests.yaml(K8S.resolve("base/kustomization.yaml")).get("resources"))
			.stream()
			.map(String::valueOf)
			.toList();
		for (Path file : resources().keySet()) {
			assertThat(listed).contains(K8S.resolve("base").relativize(file).toString());
		}
	}

	@Test
	void everyAppRunsWithItsPortProbesServiceAndBudget() {
		Map<String, HasMetadata> objects = objects();
		for (String app : Manifests.APPS) {
			int port = Manifests.port(app);
			Deployment deployment = (Deployment) objects.get("Deployment/" + app);
			assertThat(deployment).as("a Deployment for %s", app).isNotNull();
			Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
			assertThat(container.getImage()).startsWith("flashsale/" + app + ":");
			assertThat(container.getPorts().get(0).getContainerPort()).as("%s port", app).isEqualTo(port);
			assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
				.containsEntry("prometheus.io/port", Integer.toString(port))
				.containsEntry("prometheus.io/path", "/actuator/prometheus");
			assertProbe(app, container.getReadinessProbe(), "/actuator/health/readiness");
			assertProbe(app, container.getLivenessProbe(), "/actuator/health/liveness");
			assertProbe(app, container.getStartupProbe(), "/actuator/health/liveness");
			assertThat(container.getEnv().stream().map((env) -> env.getName()))
				.as("%s gets every secret it refuses to start without", app)
				.containsAll(Manifests.requiredSecrets(app));
			assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
			assertThat(container.getResources().getLimits()).containsKey("memory");
			assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
			HasMetadata service = objects.get("Service/" + app);
			assertThat(service).as("a Service for %s", app).isNotNull();
			if (!app.equals("config-server")) {
				// The config server is a single replica with its state on a volume.
				assertThat(objects.get("PodDisruptionBudget/" + app)).isInstanceOf(PodDisruptionBudget.class);
				HorizontalPodAutoscaler hpa = (HorizontalPodAutoscaler) objects.get("HorizontalPodAutoscaler/" + app);
				assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(app);
				boolean consumesLag = hpa.getSpec()
					.getMetrics()
					.stream()
					.anyMatch((metric) -> "External".equals(metric.getType()));
				if (consumesLag) {
					assertThat(hpa.getSpec().getMaxReplicas()).as("%s scales on lag up to its partitions", app)
						.isLessThanOrEqualTo(3);
				}
			}
		}
	}

	@Test
	void theConfigMapSetsEveryPortAsTheCodeNamesIt() {
		HasMetadata configMap = objects().get("ConfigMap/flashsale-env");
		@SuppressWarnings("unchecked")
		Map<String, String> data = ((io.fabric8.kubernetes.api.model.ConfigMap) configMap).getData();
		for (String app : Manifests.APPS) {
			assertThat(data).containsEntry(Manifests.portVariable(app), Integer.toString(Manifests.port(app)));
		}
		assertThat(data.get("FLASHSALE_ROUTES_ORDERSERVICE")).endsWith(":" + Manifests.port("order-service"));
	}

	private static void assertProbe(String app, Probe probe, String path) {
		assertThat(probe).as("%s probe on %s", app, path).isNotNull();
		assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
		assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
	}

	private static Map<Path, List<Map<String, Object>>> resources() {
		Map<Path, List<Map<String, Object>>> resources = new LinkedHashMap<>();
		Manifests.documents(K8S.resolve("base")).forEach((file, docs) -> {
			if (!file.getFileName().toString().equals("kustomization.yaml")) {
				resources.put(file, docs);
			}
		});
		return resources;
	}

	private static Map<String, HasMetadata> objects() {
		Map<String, HasMetadata> objects = new LinkedHashMap<>();
		for (List<Map<String, Object>> docs : resources().values()) {
			for (Map<String, Object> document : docs) {
				HasMetadata object = SERIALIZATION.unmarshal(SERIALIZATION.asJson(document), HasMetadata.class);
				objects.put(object.getKind() + "/" + object.getMetadata().getName(), object);
			}
		}
		return objects;
	}

	private static List<?> list(Object value) {
		return (value instanceof List<?> list) ? list : List.of();
	}

	/** Paths of fields the model did not know, anywhere in the object. */
	private static List<String> unknownFields(Object root) {
		List<String> unknown = new ArrayList<>();
		walk(root, "", unknown, new IdentityHashMap<>());
		return unknown;
	}

	private static void walk(Object node, String path, List<String> unknown, Map<Object, Boolean> seen) {
		if (node == null || seen.put(node, true) != null) {
			return;
		}
		if (node instanceof Collection<?> items) {
			int i = 0;
			for (Object item : items) {
				walk(item, path + "[" + i++ + "]", unknown, seen);
			}
			return;
		}
		if (node instanceof Map<?, ?> || !node.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api")) {
			return;
		}
		for (Method method : node.getClass().getMethods()) {
			if (method.getParameterCount() != 0 || !method.getName().startsWith("get")
					|| method.getDeclaringClass() == Object.class) {
				continue;
			}
			try {
				Object value = method.invoke(node);
				if (method.getName().equals("getAdditionalProperties")) {
					if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
						unknown.add(path + " " + extra.keySet());
					}
				}
				else {
					walk(value, path + "." + method.getName().substring(3), unknown, seen);
				}
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

}
