package dev.chillproxy.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The project's layering, checked on the compiled classes of all four modules (the server's test classpath holds
 * them all): core is pure domain logic, modules depend downwards only, and no package depends on itself in a cycle.
 */
class LayeringTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // the other modules' test jars (shared test clock and fakes) reach the classpath as *-tests.jar,
            // which DO_NOT_INCLUDE_TESTS does not recognise; the rules are about main code only
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.chillproxy");

    @Test
    void coreUsesNoHttpDatabaseOrLoggingLibrary() {
        noClasses().that().resideInAPackage("dev.chillproxy.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "okhttp3..", "okio..", "org.jdbi..",
                        "java.sql..", "com.zaxxer..", "org.slf4j..", "com.github.benmanes..", "java.net.http..")
                .check(CLASSES);
    }

    @Test
    void modulesDependDownwardsOnly() {
        noClasses().that().resideInAPackage("dev.chillproxy.core..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.chillproxy.store..", "dev.chillproxy.chillstreams..",
                        "dev.chillproxy.server..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("dev.chillproxy.store..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.chillproxy.chillstreams..", "dev.chillproxy.server..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("dev.chillproxy.chillstreams..")
                .should().dependOnClassesThat().resideInAPackage("dev.chillproxy.server..")
                .check(CLASSES);
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.chillproxy.(**)").should().beFreeOfCycles().check(CLASSES);
    }
}
