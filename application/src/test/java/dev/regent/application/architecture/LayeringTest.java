package dev.regent.application.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/** Modules are layers and dependencies point inward: application → sagas, projections, infrastructure → domain. */
class LayeringTest {

    private static final JavaClasses REGENT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.regent");

    @Test
    void dependenciesPointInward() {
        layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
                .layer("domain").definedBy("dev.regent.domain..")
                .layer("projections").definedBy("dev.regent.projections..")
                .layer("sagas").definedBy("dev.regent.sagas..")
                .layer("infrastructure").definedBy("dev.regent.infrastructure..")
                .layer("application").definedBy("dev.regent.application..")
                .whereLayer("application").mayNotBeAccessedByAnyLayer()
                .whereLayer("sagas").mayOnlyBeAccessedByLayers("application")
                .whereLayer("projections").mayOnlyBeAccessedByLayers("application")
                .whereLayer("infrastructure").mayOnlyBeAccessedByLayers("application")
                .whereLayer("domain").mayOnlyBeAccessedByLayers("projections", "sagas", "infrastructure",
                        "application")
                .check(REGENT);
    }
}
