package dev.orders.products;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/** The package layout as rules: the stock rules know neither the transport nor their adapters. */
class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.orders.products");

    static final String[] RULES = {"dev.orders.products.product", "dev.orders.products.reservation"};

    @Test
    void theStockRulesDoNotKnowTheTransport() {
        noClasses()
                .that()
                .resideInAnyPackage(RULES)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.orders.infra.messaging..",
                        "dev.orders.infra.outbox..",
                        "org.springframework.amqp..",
                        "org.springframework.jdbc..")
                .check(CLASSES);
    }

    @Test
    void theStockRulesDoNotKnowTheirAdapters() {
        noClasses()
                .that()
                .resideInAnyPackage(RULES)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.orders.products.*.messaging..",
                        "dev.orders.products.*.persistence..",
                        "dev.orders.products.*.web..")
                .check(CLASSES);
    }

    @Test
    void domainTypesCarryNoSpringTypes() {
        noClasses()
                .that()
                .resideInAnyPackage(RULES)
                .and()
                .areNotMetaAnnotatedWith(Component.class)
                .and()
                .areNotAnnotatedWith(ConfigurationProperties.class)
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.springframework..")
                .check(CLASSES);
    }

    @Test
    void theCatalogueKnowsNothingOfReservations() {
        noClasses()
                .that()
                .resideInAPackage("dev.orders.products.product..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.orders.products.reservation..")
                .check(CLASSES);
    }

    @Test
    void persistenceSendsNoMessages() {
        noClasses()
                .that()
                .resideInAPackage("..persistence..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..messaging..", "dev.orders.infra.outbox..")
                .check(CLASSES);
    }

    @Test
    void noServiceDependsOnAnother() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.orders.orders..", "dev.orders.gateway..", "dev.orders.webhooks..", "dev.orders.edge..")
                .check(CLASSES);
    }
}
