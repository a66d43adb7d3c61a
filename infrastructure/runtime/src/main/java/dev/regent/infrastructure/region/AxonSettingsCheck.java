package dev.regent.infrastructure.region;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

import java.util.Map;
import java.util.TreeSet;

/**
 * Axon settings that Regent decides itself are refused at start, saying why, instead of silently doing something
 * else: {@code axon.eventhandling.processors.*} would replace Regent's configuration of a processor (its sources —
 * this region's event store and every mirrored topic — batch size and timeouts: {@code regent.events.*}), cutting a
 * read model off from the other regions; {@code axon.serializer.*} has no effect, Regent's serializers being fixed
 * (Jackson, refusing revisions newer than the code).
 */
public final class AxonSettingsCheck implements EnvironmentPostProcessor, Ordered {

    private static final Map<ConfigurationPropertyName, String> REFUSED = Map.of(
            ConfigurationPropertyName.of("axon.eventhandling.processors"),
            "Regent configures every event processor itself (sources: this region's event store and the mirrored "
                    + "topics; batch size and timeouts: regent.events.*): a processor configured here would stop "
                    + "reading the other regions' events",
            ConfigurationPropertyName.of("axon.serializer"),
            "Regent's serializers are fixed (Jackson, refusing revisions newer than the code): this setting would "
                    + "have no effect");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        TreeSet<String> refused = new TreeSet<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source instanceof IterableConfigurationPropertySource names) {
                names.stream().forEach(name -> REFUSED.forEach((prefix, why) -> {
                    if (prefix.isAncestorOf(name)) {
                        refused.add(name + ": " + why);
                    }
                }));
            }
        }
        if (!refused.isEmpty()) {
            throw new IllegalStateException("Settings Regent refuses: " + String.join("; ", refused));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after every source has been added
    }
}
