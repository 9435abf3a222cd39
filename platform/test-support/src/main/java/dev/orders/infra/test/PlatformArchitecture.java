package dev.orders.infra.test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.util.Set;

/**
 * The rules every platform module keeps, checked by each module's ArchitectureTest on its own classes: platform code
 * holds no business nouns, so it knows no service; and the web plumbing knows nothing of messaging (messaging may
 * use the web plumbing, for its admin routes, never the other way).
 */
public final class PlatformArchitecture {

    public static final String[] SERVICE_PACKAGES = {
        "dev.orders.orders..",
        "dev.orders.products..",
        "dev.orders.gateway..",
        "dev.orders.webhooks..",
        "dev.orders.edge.."
    };

    private PlatformArchitecture() {}

    /** Checks the rules on the main classes of the module {@code anyClass} belongs to. */
    public static void check(Class<?> anyClass) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importLocations(Set.of(Location.of(
                        anyClass.getProtectionDomain().getCodeSource().getLocation())));
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(SERVICE_PACKAGES)
                .because("the platform holds no business nouns")
                .check(classes);
        noClasses()
                .that()
                .resideInAPackage("dev.orders.infra.web..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.orders.infra.messaging..")
                .allowEmptyShould(true)
                .check(classes);
    }
}
