package dev.orders.gateway;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.orders.gateway.web.Upstream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The package layout as rules: each route family (order, product, webhook, health) stands alone on the shared
 * security and web packages, and reaches the services only through Upstream.
 */
class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.orders.gateway");

    static final String[] FEATURES = {"order", "product", "webhook", "health"};

    /** Another family's settings are public (health reports on the webhook publisher's URL); the rest is not. */
    @Test
    void routeFamiliesDoNotReachIntoEachOther() {
        for (String feature : FEATURES) {
            String[] others = Arrays.stream(FEATURES)
                    .filter(f -> !f.equals(feature))
                    .map(f -> "dev.orders.gateway." + f + "..")
                    .toArray(String[]::new);
            noClasses()
                    .that()
                    .resideInAPackage("dev.orders.gateway." + feature + "..")
                    .should()
                    .dependOnClassesThat(
                            resideInAnyPackage(others).and(not(annotatedWith(ConfigurationProperties.class))))
                    .check(CLASSES);
        }
    }

    @Test
    void onlyUpstreamTalksToTheServices() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.orders.gateway.order..", "dev.orders.gateway.product..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.orders.infra.messaging..")
                .check(CLASSES);
        noClasses()
                .that()
                .resideInAPackage("dev.orders.gateway.web..")
                .and()
                .doNotHaveFullyQualifiedName(Upstream.class.getName())
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.orders.infra.messaging..")
                .check(CLASSES);
    }

    @Test
    void sharedPackagesKnowNoRouteFamily() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.orders.gateway.web..", "dev.orders.gateway.security..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.orders.gateway.order..",
                        "dev.orders.gateway.product..",
                        "dev.orders.gateway.webhook..",
                        "dev.orders.gateway.health..")
                .check(CLASSES);
    }

    @Test
    void noServiceDependsOnAnother() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.orders.orders..", "dev.orders.products..", "dev.orders.webhooks..", "dev.orders.edge..")
                .check(CLASSES);
    }
}
