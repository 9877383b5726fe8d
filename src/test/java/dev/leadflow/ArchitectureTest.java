package dev.leadflow;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import dev.leadflow.messaging.RecipientDirectory;

/** The package directions and table owners of docs/architecture.md and docs/adr/arch-one-owner-per-table.md. */
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
    void onlyTheFlowPackageTalksToTheRuntimeService() {
        noClasses().that().resideOutsideOfPackage("dev.leadflow.flow..")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.camunda.bpm.engine.RuntimeService")
                .check(LEADFLOW);
    }

    @Test
    void onlyMessagingHasSqlOnTheLedgerAndHoldTables() {
        noClasses().that().resideOutsideOfPackage("dev.leadflow.messaging..")
                .should(mentionInTheirCode("message_attempt", "message_status_event", "send_hold"))
                .check(LEADFLOW);
    }

    @Test
    void whatsappNeverUsesTheLedgerDirectly() {
        noClasses().that().resideInAPackage("dev.leadflow.whatsapp..")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.leadflow.messaging.MessageLedger")
                .check(LEADFLOW);
    }

    @Test
    void whatsappNeitherMatchesOptOutWordsNorRecordsOptOuts() {
        noClasses().that().resideInAPackage("dev.leadflow.whatsapp..")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.leadflow.messaging.OptOutWords")
                .orShould().callMethod(RecipientDirectory.class, "recordOptOut", String.class, Instant.class)
                .check(LEADFLOW);
    }

    @Test
    void nothingOutsideLegacyDependsOnLegacy() {
        noClasses().that().resideOutsideOfPackage("dev.leadflow.legacy..")
                .should().dependOnClassesThat().resideInAPackage("dev.leadflow.legacy..")
                .check(LEADFLOW);
    }

    /** The class file's constants (SQL text blocks and strings) name one of these tables. */
    private static ArchCondition<JavaClass> mentionInTheirCode(String... tables) {
        return new ArchCondition<>("have SQL that names " + String.join(", ", tables)) {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                String constants = classFile(javaClass);
                for (String table : tables) {
                    if (constants.contains(table)) {
                        events.add(SimpleConditionEvent.satisfied(javaClass, javaClass.getName() + " names " + table));
                    }
                }
            }
        };
    }

    private static String classFile(JavaClass javaClass) {
        try (InputStream in = javaClass.getSource().orElseThrow().getUri().toURL().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void readModelsOnlyRead() {
        noClasses().that().resideInAPackage("dev.leadflow.tracking..")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.leadflow.messaging.MessagingService")
                .check(LEADFLOW);
    }
}
