package io.flashsale.configserver;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the config server keeps the runtime state ops create (switch overrides, every
 * version, scheduled plans, the audit log), and how often scheduled plans are checked.
 *
 * @param stateDir folder of the runtime state; it survives restarts, so it must not be
 * under a build output folder in production
 * @param schedulerTick how often due scheduled plans are applied or restored
 */
@Validated
@ConfigurationProperties("flashsale.config")
public record ConfigStateProperties(@NotNull @DefaultValue("./.flashsale/config-server") Path stateDir,
		@NotNull @DefaultValue("1s") Duration schedulerTick) {

}
