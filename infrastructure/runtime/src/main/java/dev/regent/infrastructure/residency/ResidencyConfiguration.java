package dev.regent.infrastructure.residency;

import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.peer.PeerClient;
import dev.regent.infrastructure.region.RegentProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Keys, the jurisdiction policy and the record of what crossed. The policy is checked at startup. */
@Configuration(proxyBeanMethods = false)
public class ResidencyConfiguration {

    @Bean
    ResidencyExposure residencyExposure(ResidencyPolicy policy) {
        return new ResidencyExposure(policy);
    }

    @Bean
    ResidencyPolicy residencyPolicy(RegentProperties properties, ResourceLoader resources) {
        String location = properties.residency().policy();
        Resource policy = resources.getResource(location);
        try {
            List<String> lines = policy.getContentAsString(StandardCharsets.UTF_8).lines().toList();
            return ResidencyPolicy.parse(location, lines, properties.allRegions());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the residency policy " + location
                    + " (regent.residency.policy)", e);
        }
    }

    @Bean
    SubjectKeys subjectKeys(JdbcTemplate jdbc, RegentProperties properties) {
        return new SubjectKeys(jdbc, new SecretKeySpec(properties.residency().masterKeyBytes(), "AES"));
    }

    @Bean
    ShareKeyIssuer shareKeyIssuer(ResidencyPolicy policy, SubjectKeys keys, Region localRegion) {
        return new ShareKeyIssuer(policy, keys, localRegion);
    }

    @Bean
    GrantedKeys grantedKeys(JdbcTemplate jdbc, RegentProperties properties, PeerClient peers) {
        return new GrantedKeys(jdbc, new SecretKeySpec(properties.residency().masterKeyBytes(), "AES"),
                new PeerShareKeyGrants(peers, properties.routing().timeout()));
    }

    @Bean
    SharedFieldsReveal sharedFieldsReveal(GrantedKeys grants) {
        return new SharedFieldsReveal(grants);
    }

    @Bean
    PersonalDataAtRest personalDataAtRest(SharedFieldsReveal reveal, SubjectKeys keys, Region localRegion) {
        return new PersonalDataAtRest(reveal, keys, localRegion);
    }

    @Bean
    FieldProtection fieldProtection(RegentProperties properties) {
        return new FieldProtection(properties.residency().pseudonymKeyBytes());
    }

    @Bean
    Egress egress(ResidencyPolicy policy, SubjectKeys keys, FieldProtection protection) {
        return new Egress(policy, keys, protection);
    }

    @Bean
    EgressAudit egressAudit(JdbcTemplate jdbc, MeterRegistry meters) {
        return new EgressAudit(jdbc, meters);
    }
}
