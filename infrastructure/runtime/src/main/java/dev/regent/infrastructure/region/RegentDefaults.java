package dev.regent.infrastructure.region;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Regent's defaults ({@code regent-defaults.yml}: Axon and Kafka as Regent runs them, the peer and token settings'
 * environment variables, what Actuator shows), added below every source of the application's own, so that any of
 * them can be overridden and a team's {@code application.yml} holds only what is the team's.
 */
public final class RegentDefaults implements EnvironmentPostProcessor {

    static final String NAME = "regent-defaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains(NAME)) {
            return;
        }
        try {
            for (PropertySource<?> defaults : new YamlPropertySourceLoader().load(NAME,
                    new ClassPathResource(NAME + ".yml"))) {
                environment.getPropertySources().addLast(defaults);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Regent's defaults", e);
        }
    }
}
