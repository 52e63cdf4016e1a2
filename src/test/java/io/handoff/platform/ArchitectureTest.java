package io.handoff.platform;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Each process package stands on its own; shared things live in platform/ and agent/. */
@AnalyzeClasses(packages = "io.handoff", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule procurementDoesNotUseOtherProcesses =
      noClasses()
          .that()
          .resideInAPackage("io.handoff.procurement..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.handoff.vendor..", "io.handoff.incident..")
          .allowEmptyShould(true);

  @ArchTest
  static final ArchRule vendorDoesNotUseOtherProcesses =
      noClasses()
          .that()
          .resideInAPackage("io.handoff.vendor..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.handoff.procurement..", "io.handoff.incident..")
          .allowEmptyShould(true);

  @ArchTest
  static final ArchRule incidentDoesNotUseOtherProcesses =
      noClasses()
          .that()
          .resideInAPackage("io.handoff.incident..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.handoff.procurement..", "io.handoff.vendor..")
          .allowEmptyShould(true);

  @ArchTest
  static final ArchRule platformAndAgentDoNotDependOnProcesses =
      noClasses()
          .that()
          .resideInAnyPackage("io.handoff.platform..", "io.handoff.agent..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.handoff.procurement..", "io.handoff.vendor..", "io.handoff.incident..");
}
