package com.gstcomms.core;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** shared/core stays plain Java (docs/ARCHITECTURE.md "Modules"): fast to test, usable from any function or tool. */
class PlainJavaTest {

    @Test
    void dependsOnNoFrameworkLambdaOrAwsClass() {
        var classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.gstcomms.core");
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "io.quarkus..", "io.smallrye..", "io.vertx..", "jakarta..", "javax.persistence..",
                        "com.amazonaws..", "software.amazon..", "org.hibernate..")
                .check(classes);
    }
}
