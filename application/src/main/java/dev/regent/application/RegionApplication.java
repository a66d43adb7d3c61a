package dev.regent.application;

import dev.regent.infrastructure.InfrastructureConfiguration;
import dev.regent.projections.ProjectionsConfiguration;
import dev.regent.sagas.SagasConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * One region's service: REST API, command routing, event store, Kafka egress and ingress, projections. Configured
 * entirely by properties (its region, database, Kafka cluster, the other regions' URLs).
 */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@Import({InfrastructureConfiguration.class, ProjectionsConfiguration.class, SagasConfiguration.class})
public class RegionApplication {
}
