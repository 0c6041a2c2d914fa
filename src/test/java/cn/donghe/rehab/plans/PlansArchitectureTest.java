package cn.donghe.rehab.plans;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Contracts wire plans (ContractsModule); plans must not reach back, so the two packages never form a cycle. */
class PlansArchitectureTest {
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("cn.donghe.rehab.plans", "cn.donghe.rehab.contracts");

  @Test
  void plans_doNotDependOnContracts() {
    noClasses().that().resideInAPackage("cn.donghe.rehab.plans..")
        .should().dependOnClassesThat().resideInAPackage("cn.donghe.rehab.contracts..")
        .check(MAIN);
  }

  @Test
  void plansAndContracts_useNoOtherFeaturesDaos() {
    for (String pkg : new String[] {"cn.donghe.rehab.plans..", "cn.donghe.rehab.contracts.."}) {
      noClasses().that().resideInAPackage(pkg)
          .should().dependOnClassesThat(JavaClass.Predicates.resideOutsideOfPackage(pkg)
              .and(JavaClass.Predicates.simpleNameEndingWith("Dao")))
          .check(MAIN);
    }
  }
}
