package dev.orders.edge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;

class ArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.orders.edge");

    @Test
    void theWebhookRulesAndTheChannelContractKnowNothingOfSpring() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.orders.edge.webhook", "dev.orders.edge.channel")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..")
                .check(CLASSES);
    }

    @Test
    void domainRecordsAndInterfacesKnowNothingOfSpring() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.orders.edge.logger", "dev.orders.edge.notifier", "dev.orders.edge.telegram")
                .and()
                .areRecords()
                .and()
                .areNotAnnotatedWith(ConfigurationProperties.class)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..")
                .check(CLASSES);
        noClasses()
                .that()
                .resideInAnyPackage("dev.orders.edge.logger", "dev.orders.edge.notifier")
                .and()
                .areInterfaces()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..")
                .check(CLASSES);
        classes()
                .that()
                .haveSimpleNameEndingWith("Templates")
                .or()
                .haveSimpleName("TelegramText")
                .or()
                .haveSimpleName("Throttle")
                .or()
                .haveSimpleName("Transition")
                .or()
                .haveSimpleName("EventFacts")
                .should()
                .onlyDependOnClassesThat()
                .resideOutsideOfPackages("org.springframework..")
                .check(CLASSES);
    }

    @Test
    void theLoggerAndTheNotifierDoNotKnowEachOther() {
        noClasses()
                .that()
                .resideInAPackage("dev.orders.edge.logger..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.orders.edge.notifier..")
                .check(CLASSES);
        noClasses()
                .that()
                .resideInAPackage("dev.orders.edge.notifier..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.orders.edge.logger..")
                .check(CLASSES);
    }

    @Test
    void theNotifierKnowsChannelsOnlyThroughTheirInterface() {
        noClasses()
                .that()
                .resideInAPackage("dev.orders.edge.notifier..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.orders.edge.telegram..", "dev.orders.edge.slack..", "dev.orders.edge.email..")
                .check(CLASSES);
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.orders.edge.telegram..",
                        "dev.orders.edge.slack..",
                        "dev.orders.edge.email..",
                        "dev.orders.edge.channel..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.orders.edge.notifier..", "dev.orders.edge.logger..")
                .check(CLASSES);
    }

    @Test
    void onlyWebPackagesUseTheServletApi() {
        noClasses()
                .that()
                .resideOutsideOfPackages("..web..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("jakarta.servlet..", "org.springframework.web..")
                .check(CLASSES);
    }

    @Test
    void nothingTalksToRabbitMq() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework.amqp..", "com.rabbitmq..", "dev.orders.infra.messaging..")
                .check(CLASSES);
    }

    @Test
    void noDomainPackageImportsAWebOrPersistenceAdapter() {
        noClasses()
                .that()
                .resideInAPackage("dev.orders.edge..")
                .and()
                .resideOutsideOfPackages("..web..", "..persistence..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.orders.edge..web..", "dev.orders.edge..persistence..")
                .check(CLASSES);
    }
}
