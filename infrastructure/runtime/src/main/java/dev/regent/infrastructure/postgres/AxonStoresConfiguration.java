package dev.regent.infrastructure.postgres;

import dev.regent.infrastructure.region.RegentProperties;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/**
 * Token and saga stores in the region's own database, next to its projections: Axon commits a projection's rows and
 * its token in one transaction. (The event store is in {@code OwnershipConfiguration}: it is fenced by ownership.)
 */
@Configuration(proxyBeanMethods = false)
public class AxonStoresConfiguration {

    /** Regent's tables before the application's: Spring Boot's Flyway runs this strategy. */
    @Bean
    RegentSchema regentSchema(DataSource dataSource) {
        return new RegentSchema(dataSource);
    }

    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer,
                          TokenStoreProperties tokenStoreProperties, RegentProperties regent) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                // Who holds a claim: instances sharing the region's database (and the lab's, a JVM) must differ.
                .nodeId(regent.instance())
                .schema(RegentSchemas.tokens())
                .serializer(serializer)
                .claimTimeout(tokenStoreProperties.getClaimTimeout())
                .build();
    }

    @Bean
    SagaStore<Object> sagaStore(ConnectionProvider connectionProvider, Serializer serializer) {
        return JdbcSagaStore.builder()
                .connectionProvider(connectionProvider)
                .sqlSchema(new PostgresSagaSqlSchema(RegentSchemas.sagas()))
                .serializer(serializer)
                .build();
    }
}
