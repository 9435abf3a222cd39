package dev.orders.orders;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/** The package layout as rules: the order rules know neither the transport nor their adapters. */
class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.orders.orders");

    static final String RULES = "dev.orders.orders.order";

    @Test
    void theOrderRulesDoNotKnowTheTransport() {
        noClasses()
                .that()
                .resideInAPackage(RULES)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.orders.infra.messaging..",
                        "dev.orders.infra.outbox..",
                        "..idempotency..",
                        "org.springframework.amqp..",
                        "org.springframework.data.redis..",
                        "org.springframework.jdbc..")
                .check(CLASSES);
    }

    @Test
    void theOrderRulesDoNotKnowTheirAdapters() {
        noClasses()
                .that()
                .resideInAPackage(RULES)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(RULES + ".messaging..", RULES + ".persistence..", RULES + ".web..")
                .check(CLASSES);
    }

    @Test
    void domainTypesCarryNoSpringTypes() {
        noClasses()
                .that()
                .resideInAPackage(RULES)
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
                        "dev.orders.products..", "dev.orders.gateway..", "dev.orders.webhooks..", "dev.orders.edge..")
                .check(CLASSES);
    }
}
