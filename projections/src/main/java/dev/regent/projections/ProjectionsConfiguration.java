package dev.regent.projections;

import dev.regent.domain.ownership.Region;
import dev.regent.projections.claims.ClaimProjection;
import dev.regent.projections.claims.ClaimView;
import dev.regent.projections.identity.CustomerProjection;
import dev.regent.projections.identity.CustomerView;
import dev.regent.projections.policy.PolicyProjection;
import dev.regent.projections.policy.PolicyView;
import dev.regent.projections.replication.ProjectionMetrics;
import dev.regent.projections.replication.ViewStores;
import dev.regent.projections.requests.RoutedRequests;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;

/** The read models of a region. Each is an Axon event handler in its own processing group. */
@Configuration(proxyBeanMethods = false)
public class ProjectionsConfiguration {

    @Bean
    RoutedRequests routedRequests(JdbcTemplate jdbc) {
        return new RoutedRequests(jdbc);
    }

    @Bean
    ViewStores viewStores(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer eventSerializer,
                          Region localRegion, MeterRegistry meters, Clock clock, RoutedRequests routedRequests) {
        return new ViewStores(jdbc, eventSerializer, localRegion, new ProjectionMetrics(meters, clock),
                routedRequests);
    }

    @Bean
    CustomerProjection customerProjection(ViewStores stores) {
        return stores.projection(CustomerProjection.VIEW, CustomerView.class, CustomerProjection.AGGREGATE_TYPE,
                CustomerProjection::new);
    }

    @Bean
    ClaimProjection claimProjection(ViewStores stores) {
        return stores.projection(ClaimProjection.VIEW, ClaimView.class, ClaimProjection.AGGREGATE_TYPE,
                ClaimProjection::new);
    }

    @Bean
    PolicyProjection policyProjection(ViewStores stores) {
        return stores.projection(PolicyProjection.VIEW, PolicyView.class, PolicyProjection.AGGREGATE_TYPE,
                PolicyProjection::new);
    }
}
