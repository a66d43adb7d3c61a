package dev.regent.domain.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The domain knows Axon's modelling API only: no Spring, JDBC, Kafka, Jackson, nor any other Regent module. */
class DomainIsolationTest {

    private static final JavaClasses DOMAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.regent.domain");

    @Test
    void domainDependsOnNoInfrastructureTechnology() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.regent.domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "java.sql..", "javax.sql..", "org.apache.kafka..",
                        "com.fasterxml.jackson..", "jakarta.persistence..", "org.axonframework.spring..",
                        "org.axonframework.extensions..", "org.axonframework.eventsourcing.eventstore..")
                .because("the domain must stay free of frameworks beyond Axon's modelling API");
        rule.check(DOMAIN);
    }

    @Test
    void domainDependsOnNoOtherRegentModule() {
        noClasses().that().resideInAPackage("dev.regent.domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.regent.projections..", "dev.regent.insurer.sagas..", "dev.regent.infrastructure..",
                        "dev.regent.application..")
                .check(DOMAIN);
    }
}
