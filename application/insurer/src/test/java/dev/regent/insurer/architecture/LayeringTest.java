package dev.regent.insurer.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/**
 * The rooms and their doors: the platform never imports the insurer example; main code never imports the local lab;
 * within each, dependencies point inward (platform: kernel ← views, runtime ← service; example: domain ← views ←
 * sagas ← api).
 */
class LayeringTest {

    private static final JavaClasses REGENT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar")) // other modules' test fixtures
            .importPackages("dev.regent");

    private static final String EXAMPLE = "dev.regent.insurer..";
    private static final String[] LAB = {"dev.regent.lab..", "dev.regent.infrastructure.embedded.."};

    @Test
    void thePlatformNeverImportsTheExample() {
        noClasses().that().resideOutsideOfPackage(EXAMPLE).and().resideOutsideOfPackages(LAB)
                .should().dependOnClassesThat().resideInAPackage(EXAMPLE)
                .because("a domain team's service is built on the platform exactly as the insurer is")
                .check(REGENT);
    }

    @Test
    void mainCodeNeverImportsTheLocalLab() {
        noClasses().that().resideOutsideOfPackages(LAB)
                .should().dependOnClassesThat().resideInAnyPackage(LAB)
                .because("a region's image carries no embedded database, broker or MirrorMaker")
                .check(REGENT);
    }

    @Test
    void thePlatformsLayersPointInward() {
        layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
                .layer("kernel").definedBy("dev.regent.domain..")
                .layer("views").definedBy("dev.regent.projections..")
                .layer("runtime").definedBy("dev.regent.infrastructure..")
                .layer("service").definedBy("dev.regent.application..")
                .whereLayer("service").mayNotBeAccessedByAnyLayer()
                .whereLayer("views").mayOnlyBeAccessedByLayers("service")
                .whereLayer("runtime").mayOnlyBeAccessedByLayers("service")
                .whereLayer("kernel").mayOnlyBeAccessedByLayers("views", "runtime", "service")
                .check(REGENT);
    }

    @Test
    void theExamplesLayersPointInward() {
        layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
                .layer("domain").definedBy("dev.regent.insurer.identity..", "dev.regent.insurer.policy..",
                        "dev.regent.insurer.claims..")
                .layer("views").definedBy("dev.regent.insurer.views..")
                .layer("sagas").definedBy("dev.regent.insurer.sagas..")
                .layer("api").definedBy("dev.regent.insurer.api..")
                .whereLayer("api").mayNotBeAccessedByAnyLayer()
                .whereLayer("sagas").mayNotBeAccessedByAnyLayer()
                .whereLayer("views").mayOnlyBeAccessedByLayers("api")
                .whereLayer("domain").mayOnlyBeAccessedByLayers("views", "sagas", "api")
                .check(REGENT);
    }
}
