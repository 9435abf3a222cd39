package dev.orders.e2e;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module boundaries of STYLE.md, checked on the compiled classes of every module. */
class ArchitectureTest {

    static JavaClasses all;

    @BeforeAll
    static void importClasses() {
        all = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.orders");
        for (String main : java.util.List.of(
                "dev.orders.orders.OrdersServiceApplication",
                "dev.orders.products.ProductsServiceApplication",
                "dev.orders.gateway.GatewayApplication",
                "dev.orders.webhooks.WebhookPublisherApplication",
                "dev.orders.edge.EdgeFunctionsApplication",
                "dev.orders.infra.messaging.NestRmqListener",
                "dev.orders.contracts.Patterns")) {
            org.assertj.core.api.Assertions.assertThat(all.contain(main))
                    .as("imported " + main)
                    .isTrue();
        }
    }

    @Test
    void contractsDependOnNothingButTheJdk() {
        classes()
                .that()
                .resideInAPackage("dev.orders.contracts..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("dev.orders.contracts..", "java..")
                .check(all);
    }

    @Test
    void sharedInfrastructureKnowsNoService() {
        noClasses()
                .that()
                .resideInAPackage("dev.orders.infra..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.orders.orders..",
                        "dev.orders.products..",
                        "dev.orders.gateway..",
                        "dev.orders.webhooks..",
                        "dev.orders.edge..")
                .check(all);
    }

    @Test
    void servicesDoNotDependOnEachOther() {
        slices().matching("dev.orders.(orders|products|gateway|webhooks|edge)..")
                .should()
                .notDependOnEachOther()
                .check(all);
    }

    @Test
    void domainRecordsAndPortsCarryNoSpringTypes() {
        classes()
                .that()
                .resideInAnyPackage(
                        "dev.orders.orders.order", "dev.orders.products.product", "dev.orders.products.reservation")
                .and(recordOrInterface())
                .and()
                .areNotAnnotatedWith("org.springframework.boot.context.properties.ConfigurationProperties")
                .should()
                .onlyDependOnClassesThat()
                .resideOutsideOfPackage("org.springframework..")
                .check(all);
    }

    @Test
    void messageHandlersDoNotTouchPersistenceDirectly() {
        noClasses()
                .that()
                .resideInAPackage("..messaging..")
                .and()
                .resideOutsideOfPackage("dev.orders.infra..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..persistence..", "org.springframework.jdbc..")
                .check(all);
    }

    private static com.tngtech.archunit.base.DescribedPredicate<JavaClass> recordOrInterface() {
        return new com.tngtech.archunit.base.DescribedPredicate<>("are records or interfaces") {
            @Override
            public boolean test(JavaClass c) {
                return c.isRecord() || c.isInterface();
            }
        };
    }
}
