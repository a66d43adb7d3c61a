package dev.regent.application;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureOrder;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.core.Ordered;

/**
 * The region service around a domain team's controllers: security (bearer tokens, the peer listener), the input
 * rules at the edge, idempotent retries, and the platform's own endpoints (ownership, transfers, audit, residency,
 * reconciliation, read models, dead letters, routed requests). Ahead of Spring Boot's security defaults, which back
 * off for Regent's filter chains.
 */
@AutoConfiguration
@AutoConfigureOrder(Ordered.HIGHEST_PRECEDENCE)
@ComponentScan(basePackageClasses = RegentServiceAutoConfiguration.class)
public class RegentServiceAutoConfiguration {
}
