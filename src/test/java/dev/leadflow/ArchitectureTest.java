package dev.leadflow;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The package directions of design.md, "Layout". */
class ArchitectureTest {

    private static final JavaClasses LEADFLOW = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // the without-legacy build compiles its tests into target/without-legacy/test-classes
            .withImportOption(location -> !location.contains("/test-classes/"))
            .importPackages("dev.leadflow");

    @Test
    void capabilitiesHaveNoCycles() {
        slices().matching("dev.leadflow.(*)..").should().beFreeOfCycles().check(LEADFLOW);
    }

    @Test
    void messagingNeverDependsOnItsAdaptersOrCallers() {
        noClasses().that().resideInAPackage("dev.leadflow.messaging..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.leadflow.whatsapp..", "dev.leadflow.flow..",
                        "dev.leadflow.crm..", "dev.leadflow.tracking..", "org.camunda..")
                .check(LEADFLOW);
    }

    @Test
    void coordinationIsALeaf() {
        noClasses().that().resideInAPackage("dev.leadflow.coordination..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.leadflow.crm..", "dev.leadflow.flow..",
                        "dev.leadflow.messaging..", "dev.leadflow.whatsapp..", "dev.leadflow.tracking..")
                .check(LEADFLOW);
    }

    @Test
    void onlyTheFlowPortTalksToTheRuntimeService() {
        noClasses().that().resideOutsideOfPackages("dev.leadflow.flow..", "dev.leadflow.ops..",
                        "dev.leadflow.legacy..")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.camunda.bpm.engine.RuntimeService")
                .check(LEADFLOW);
    }

    @Test
    void nothingOutsideLegacyDependsOnLegacy() {
        noClasses().that().resideOutsideOfPackage("dev.leadflow.legacy..")
                .should().dependOnClassesThat().resideInAPackage("dev.leadflow.legacy..")
                .check(LEADFLOW);
    }

    @Test
    void readModelsOnlyRead() {
        noClasses().that().resideInAPackage("dev.leadflow.tracking..")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.leadflow.messaging.MessagingService")
                .check(LEADFLOW);
    }
}
