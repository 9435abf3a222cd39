package dev.orders.webhooks;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.orders.webhooks.delivery.WebhookSigner;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/** The package layout as rules: domain free of Spring and adapters, features in one direction, libraries boxed. */
class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.orders.webhooks");

    static final String[] FEATURE_ROOTS = {
        "dev.orders.webhooks.subscription",
        "dev.orders.webhooks.delivery",
        "dev.orders.webhooks.delivery.intake",
        "dev.orders.webhooks.delivery.dispatch",
        "dev.orders.webhooks.delivery.history",
        "dev.orders.webhooks.egress"
    };

    @Test
    void domainClassesCarryNoSpringTypes() {
        noClasses()
                .that()
                .resideInAnyPackage(FEATURE_ROOTS)
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
    void featuresDoNotKnowTheirAdapters() {
        noClasses()
                .that()
                .resideInAnyPackage(FEATURE_ROOTS)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.orders.webhooks.subscription.web..",
                        "dev.orders.webhooks.subscription.persistence..",
                        "dev.orders.webhooks.delivery.history.web..",
                        "dev.orders.webhooks.delivery.persistence..",
                        "dev.orders.webhooks.delivery.intake.messaging..",
                        "dev.orders.webhooks.delivery.dispatch.http..")
                .check(CLASSES);
    }

    @Test
    void subscriptionsKnowNothingOfDeliveries() {
        noClasses()
                .that()
                .resideInAPackage("dev.orders.webhooks.subscription..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.orders.webhooks.delivery..")
                .check(CLASSES);
    }

    @Test
    void librariesStayInTheirOneAdapter() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.orders.webhooks.delivery.dispatch.http..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.apache.hc..")
                .check(CLASSES);
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName(WebhookSigner.class.getName())
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.standardwebhooks..")
                .check(CLASSES);
    }

    @Test
    void onlyMessagingAdaptersKnowTheMessagingPlumbing() {
        noClasses()
                .that()
                .resideInAPackage("dev.orders.webhooks..")
                .and()
                .resideOutsideOfPackage("..messaging..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.orders.infra.messaging..")
                .check(CLASSES);
    }

    @Test
    void theDeliveryModelKnowsNoneOfItsRooms() {
        noClasses()
                .that()
                .resideInAPackage("dev.orders.webhooks.delivery")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.orders.webhooks.delivery.intake..",
                        "dev.orders.webhooks.delivery.dispatch..",
                        "dev.orders.webhooks.delivery.history..",
                        "dev.orders.webhooks.delivery.persistence..")
                .check(CLASSES);
    }

    @Test
    void intakeDispatchAndHistoryDoNotKnowEachOther() {
        String[][] pairs = {
            {"dev.orders.webhooks.delivery.intake..", "dev.orders.webhooks.delivery.dispatch.."},
            {"dev.orders.webhooks.delivery.intake..", "dev.orders.webhooks.delivery.history.."},
            {"dev.orders.webhooks.delivery.dispatch..", "dev.orders.webhooks.delivery.history.."}
        };
        for (String[] pair : pairs) {
            noClasses()
                    .that()
                    .resideInAPackage(pair[0])
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage(pair[1])
                    .check(CLASSES);
            noClasses()
                    .that()
                    .resideInAPackage(pair[1])
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage(pair[0])
                    .check(CLASSES);
        }
    }

    @Test
    void noDomainPackageImportsAWebOrPersistenceAdapter() {
        noClasses()
                .that()
                .resideInAPackage("dev.orders.webhooks..")
                .and()
                .resideOutsideOfPackages("..web..", "..persistence..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.orders.webhooks..web..", "dev.orders.webhooks..persistence..")
                .check(CLASSES);
    }

    @Test
    void noServiceDependsOnAnother() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.orders.orders..", "dev.orders.products..", "dev.orders.gateway..")
                .check(CLASSES);
    }
}
