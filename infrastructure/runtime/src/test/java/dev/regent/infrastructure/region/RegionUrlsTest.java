package dev.regent.infrastructure.region;

import dev.regent.domain.ownership.Region;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code regent.regions.<region>}: one peer URL as before, or one per instance; a wrong value names the property. */
class RegionUrlsTest {

    private static final Region EU = Region.of("eu");

    @Test
    void oneUrl_isARegionOfOneInstance_asBefore() {
        RegentProperties properties = bind(Map.of("regent.region", "eu", "regent.regions.eu", "https://eu:9081"));

        assertThat(properties.urlsOf(EU)).containsExactly(URI.create("https://eu:9081"));
    }

    @Test
    void commaSeparatedUrls_areTheRegionsInstances_inOrder() {
        RegentProperties properties = bind(Map.of("regent.region", "eu",
                "regent.regions.eu", "https://eu-1:9081, https://eu-2:9081"));

        assertThat(properties.urlsOf(EU)).containsExactly(URI.create("https://eu-1:9081"),
                URI.create("https://eu-2:9081"));
    }

    @Test
    void aYamlList_isTheRegionsInstances() {
        RegentProperties properties = bind(Map.of("regent.region", "eu",
                "regent.regions.eu[0]", "https://eu-1:9081", "regent.regions.eu[1]", "https://eu-2:9081"));

        assertThat(properties.urlsOf(EU)).hasSize(2);
    }

    @Test
    void anEnvironmentVariable_mayListTheInstances() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("REGENT_REGION", "eu", "REGENT_REGIONS_EU", "https://eu-1:9081,https://eu-2:9081")));

        RegentProperties properties = new Binder(ConfigurationPropertySources.get(environment))
                .bindOrCreate("regent", RegentProperties.class);

        assertThat(properties.urlsOf(EU)).containsExactly(URI.create("https://eu-1:9081"),
                URI.create("https://eu-2:9081"));
    }

    @Test
    void aUrlThatIsNotAPeerListeners_stopsTheService_namingTheProperty() {
        assertThatThrownBy(() -> bind(Map.of("regent.region", "eu",
                "regent.regions.eu", "https://eu-1:9081,eu-2:9081")))
                .rootCause().hasMessageContaining("regent.regions.eu[1]='eu-2:9081'")
                .hasMessageContaining("https://host:port");
    }

    @Test
    void theSameInstanceTwice_isRefused() {
        assertThatThrownBy(() -> bind(Map.of("regent.region", "eu",
                "regent.regions.eu", "https://eu-1:9081,https://eu-1:9081")))
                .rootCause().hasMessageContaining("regent.regions.eu[1]").hasMessageContaining("twice");
    }

    @Test
    void aRegionWithoutUrl_isRefused() {
        assertThatThrownBy(() -> bind(Map.of("regent.region", "eu", "regent.regions.eu", "")))
                .rootCause().hasMessageContaining("regent.regions.eu has no URL");
    }

    private static RegentProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("regent",
                RegentProperties.class);
    }
}
