package dev.regent.insurer.views;

import dev.regent.insurer.views.claims.ClaimProjection;
import dev.regent.insurer.views.claims.ClaimView;
import dev.regent.insurer.views.identity.CustomerProjection;
import dev.regent.insurer.views.identity.CustomerView;
import dev.regent.insurer.views.policy.PolicyProjection;
import dev.regent.insurer.views.policy.PolicyView;
import dev.regent.projections.replication.ViewStores;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The insurer's read models, declared on the platform's view stores: customers, policies and claims. */
@Configuration(proxyBeanMethods = false)
public class InsurerViewsConfiguration {

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
