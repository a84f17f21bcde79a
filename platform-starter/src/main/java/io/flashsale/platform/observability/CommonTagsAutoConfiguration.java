package io.flashsale.platform.observability;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.util.StringUtils;

/**
 * Tags every meter with {@code application} and {@code instance_id}. Not
 * {@code instance}: Prometheus sets its own {@code instance} label (the scraped address)
 * and would rename ours.
 */
@AutoConfiguration
@ConditionalOnClass(MeterRegistry.class)
public class CommonTagsAutoConfiguration {

	@Bean
	MeterRegistryCustomizer<MeterRegistry> flashsaleCommonTags(@Value("${spring.application.name:unknown}") String app,
			@Value("${flashsale.instance-id:}") String instanceId) {
		String instance = StringUtils.hasText(instanceId) ? instanceId : defaultInstanceId();
		return (registry) -> registry.config().commonTags("application", app, "instance_id", instance);
	}

	/** Host name and pid: unique per process on a machine and per pod in Kubernetes. */
	static String defaultInstanceId() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = "localhost";
		}
		return host + ":" + ManagementFactory.getRuntimeMXBean().getPid();
	}

}
