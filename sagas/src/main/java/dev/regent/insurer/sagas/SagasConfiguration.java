package dev.regent.insurer.sagas;

import dev.regent.domain.ownership.Region;
import dev.regent.insurer.sagas.claims.ClaimOutcomeMetrics;
import dev.regent.insurer.sagas.claims.ClaimSettlementSaga;
import dev.regent.insurer.sagas.claims.ClaimSettlementSettings;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/** The region's process managers. Their collaborators reach them as handler parameters (Spring beans). */
@Configuration(proxyBeanMethods = false)
public class SagasConfiguration {

    @Bean
    ConfigurerModule sagasRegistration() {
        return configurer -> configurer.eventProcessing().registerSaga(ClaimSettlementSaga.class);
    }

    @Bean
    ClaimSettlementSettings claimSettlementSettings(
            @Value("${regent.sagas.claim-settlement.retry-after:10s}") Duration retryAfter,
            @Value("${regent.sagas.claim-settlement.give-up-after:5m}") Duration giveUpAfter) {
        return new ClaimSettlementSettings(retryAfter, giveUpAfter);
    }

    @Bean
    ClaimOutcomeMetrics claimOutcomeMetrics(MeterRegistry meters, Region localRegion) {
        return new ClaimOutcomeMetrics(meters, localRegion);
    }
}
