package dev.orders.infra;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What test-support's PlatformArchitecture checks in the other platform modules (which test-support builds on). */
class ArchitectureTest {

    @Test
    void knowsNoServiceNorAnyOtherPlatformModule() {
        var classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importLocations(Set.of(Location.of(CoreAutoConfiguration.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation())));
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.orders.orders..",
                        "dev.orders.products..",
                        "dev.orders.gateway..",
                        "dev.orders.webhooks..",
                        "dev.orders.edge..",
                        "dev.orders.infra.web..",
                        "dev.orders.infra.messaging..",
                        "dev.orders.infra.persistence..",
                        "dev.orders.infra.outbox..",
                        "dev.orders.infra.egress..")
                .check(classes);
    }
}
