package dev.regent.infrastructure.region;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Axon settings Regent decides itself stop the service at start, saying why, whatever source sets them. */
class AxonSettingsCheckTest {

    private final AxonSettingsCheck check = new AxonSettingsCheck();

    @Test
    void aProcessorConfiguredTheAxonWay_isRefused_sayingItWouldStopReadingTheOtherRegions() {
        StandardEnvironment environment = environment(Map.of("axon.eventhandling.processors.customers.mode",
                "tracking"));

        assertThatThrownBy(() -> check.postProcessEnvironment(environment, new SpringApplication()))
                .hasMessageContaining("axon.eventhandling.processors.customers.mode")
                .hasMessageContaining("would stop reading the other regions' events");
    }

    @Test
    void aSerializerSetInTheEnvironment_isRefused_asHavingNoEffect() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("AXON_SERIALIZER_EVENTS", "xstream")));

        assertThatThrownBy(() -> check.postProcessEnvironment(environment, new SpringApplication()))
                .hasMessageContaining("axon.serializer.events").hasMessageContaining("no effect");
    }

    @Test
    void otherAxonSettings_passUnremarked() {
        assertThatCode(() -> check.postProcessEnvironment(environment(Map.of("axon.axonserver.enabled", "false",
                "axon.kafka.client-id", "x")), new SpringApplication())).doesNotThrowAnyException();
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }
}
