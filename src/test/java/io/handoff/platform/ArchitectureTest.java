package io.handoff.platform;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RestController;

/**
 * Each process package stands on its own; shared things live in platform/ and agent/. Inside, every
 * process has the same shape: {@code flow} for the delegates and listeners the BPMN binds, {@code
 * api} for its REST controllers and their records, {@code store} for the code that reads and writes
 * its tables, and the domain logic in the package itself.
 */
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

  private static final String[] PROCESSES = {"procurement", "vendor", "incident"};

  @ArchTest
  static final ArchRule delegatesAndListenersLiveInFlow =
      classes()
          .that()
          .resideInAnyPackage(
              "io.handoff.procurement..", "io.handoff.vendor..", "io.handoff.incident..")
          .and(
              assignableTo(JavaDelegate.class)
                  .or(assignableTo(ExecutionListener.class))
                  .or(assignableTo(TaskListener.class)))
          .should()
          .resideInAnyPackage(
              "io.handoff.procurement.flow", "io.handoff.vendor.flow", "io.handoff.incident.flow");

  @ArchTest
  static final ArchRule controllersLiveInApi =
      classes()
          .that()
          .areAnnotatedWith(RestController.class)
          .and()
          .resideInAnyPackage(
              "io.handoff.procurement..", "io.handoff.vendor..", "io.handoff.incident..")
          .should()
          .resideInAnyPackage(
              "io.handoff.procurement.api", "io.handoff.vendor.api", "io.handoff.incident.api");

  @ArchTest
  static final ArchRule onlyTheStoreTalksToTheDatabase =
      noClasses()
          .that()
          .resideInAnyPackage(
              "io.handoff.procurement..", "io.handoff.vendor..", "io.handoff.incident..")
          .and()
          .resideOutsideOfPackages(
              "io.handoff.procurement.store",
              "io.handoff.vendor.store",
              "io.handoff.incident.store")
          .should()
          .dependOnClassesThat()
          .areAssignableTo(JdbcClient.class)
          .orShould()
          .dependOnClassesThat()
          .areAssignableTo(JdbcTemplate.class)
          .orShould()
          .dependOnClassesThat()
          .areAssignableTo(NamedParameterJdbcTemplate.class);

  @ArchTest
  static final ArchRule theDomainDoesNotReachIntoFlowOrApi =
      noClasses()
          .that()
          .resideInAnyPackage("io.handoff.procurement", "io.handoff.vendor", "io.handoff.incident")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.handoff.procurement.api",
              "io.handoff.vendor.api",
              "io.handoff.incident.api",
              "io.handoff.procurement.flow",
              "io.handoff.vendor.flow",
              "io.handoff.incident.flow");

  @Test
  void everyProcessHasTheSameInnerPackages() throws IOException {
    for (String process : PROCESSES) {
      Path root = Path.of("src/main/java/io/handoff", process);
      try (Stream<Path> children = Files.list(root)) {
        List<String> packages =
            children.filter(Files::isDirectory).map(p -> p.getFileName().toString()).toList();
        assertThat(packages).as(process).contains("flow", "api", "store");
      }
    }
  }
}
