package com.mpac.contracts.config;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code mpac-defaults.yml} as the lowest-precedence property source, so every service starts from the same
 * platform policy (virtual threads, problem details, actuator probes, Flyway/JPA rules) and overrides only what is
 * its own.
 */
class MpacDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

    private static final String DEFAULTS = "mpac-defaults.yml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            new YamlPropertySourceLoader().load("mpacDefaults", new ClassPathResource(DEFAULTS))
                    .forEach(source -> environment.getPropertySources().addLast(source));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read " + DEFAULTS, ex);
        }
    }
}
