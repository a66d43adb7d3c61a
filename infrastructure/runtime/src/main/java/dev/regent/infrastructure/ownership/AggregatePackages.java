package dev.regent.infrastructure.ownership;

import dev.regent.infrastructure.region.RegentProperties;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;

import java.util.List;

/**
 * Where the application's owned aggregates, and the types their commands answer, live: {@code
 * regent.aggregate-packages}, or else the application's own packages (those of its {@code @SpringBootApplication}),
 * as Spring Boot finds entities and repositories.
 */
public record AggregatePackages(List<String> names) {

    public static AggregatePackages of(RegentProperties properties, BeanFactory beans) {
        if (!properties.aggregatePackages().isEmpty()) {
            return new AggregatePackages(List.copyOf(properties.aggregatePackages()));
        }
        if (!AutoConfigurationPackages.has(beans)) {
            throw new IllegalStateException("No regent.aggregate-packages and no @SpringBootApplication to take them "
                    + "from: say where the owned aggregates are");
        }
        return new AggregatePackages(List.copyOf(AutoConfigurationPackages.get(beans)));
    }
}
