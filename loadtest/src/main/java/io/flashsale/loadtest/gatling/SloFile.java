package io.flashsale.loadtest.gatling;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The suite's SLO file ({@code slo.yml}): per workload, {@code p99-ms},
 * {@code max-error-ratio} and {@code mix-share}. Every workload must be there, with every
 * key, so that a typo fails the run before any load is sent.
 *
 * @param slos each workload's objective
 */
record SloFile(Map<Workload, Slo> slos) {

	static final String DEFAULT_RESOURCE = "/slo.yml";

	SloFile {
		slos = Map.copyOf(slos);
	}

	Slo of(Workload workload) {
		return this.slos.get(workload);
	}

	/**
	 * Arrivals per second of each workload in the mix: {@code rate} split by the shares.
	 */
	Map<Workload, Double> split(double rate, List<Workload> workloads) {
		int total = workloads.stream().mapToInt((workload) -> of(workload).mixShare()).sum();
		if (total == 0) {
			throw new IllegalArgumentException("the mix-share of " + workloads + " adds up to 0");
		}
		Map<Workload, Double> rates = new EnumMap<>(Workload.class);
		workloads.forEach((workload) -> rates.put(workload, rate * of(workload).mixShare() / total));
		return rates;
	}

	/**
	 * Reads an SLO file.
	 * @throws IllegalArgumentException naming what is missing or wrong
	 */
	static SloFile parse(String yaml) {
		Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
		Map<?, ?> scenarios = map((root instanceof Map<?, ?> top) ? top.get("scenarios") : null, "scenarios");
		Map<Workload, Slo> slos = new EnumMap<>(Workload.class);
		for (Map.Entry<?, ?> entry : scenarios.entrySet()) {
			Workload workload = Workload.of(String.valueOf(entry.getKey()));
			Map<?, ?> slo = map(entry.getValue(), "scenarios." + workload.id());
			slos.put(workload,
					new Slo(number(slo, workload, "p99-ms").longValue(),
							number(slo, workload, "max-error-ratio").doubleValue(),
							number(slo, workload, "mix-share").intValue()));
		}
		for (Workload workload : Workload.values()) {
			if (!slos.containsKey(workload)) {
				throw new IllegalArgumentException("the SLO file has no scenarios." + workload.id());
			}
		}
		return new SloFile(slos);
	}

	private static Map<?, ?> map(Object value, String key) {
		if (value instanceof Map<?, ?> map) {
			return map;
		}
		throw new IllegalArgumentException("the SLO file needs a map at '" + key + "'");
	}

	private static Number number(Map<?, ?> slo, Workload workload, String key) {
		if (slo.get(key) instanceof Number number) {
			return number;
		}
		throw new IllegalArgumentException("the SLO file needs a number at scenarios." + workload.id() + "." + key);
	}

}
