package dev.regent.insurer.sagas;

import dev.regent.domain.ownership.Region;
import dev.regent.insurer.sagas.claims.ClaimOutcomeMetrics;
import dev.regent.insurer.sagas.claims.ClaimSettlementSaga;
import dev.regent.insurer.sagas.claims.ClaimSettlementSettings;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ConfigurerModule;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The region's process managers. Their collaborators reach them as handler parameters (Spring beans). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClaimSettlementSettings.class)
public class SagasConfiguration {

    @Bean
    ConfigurerModule sagasRegistration() {
        return configurer -> configurer.eventProcessing().registerSaga(ClaimSettlementSaga.class);
    }

    @Bean
    ClaimOutcomeMetrics claimOutcomeMetrics(MeterRegistry meters, Region localRegion) {
        return new ClaimOutcomeMetrics(meters, localRegion);
    }
}
