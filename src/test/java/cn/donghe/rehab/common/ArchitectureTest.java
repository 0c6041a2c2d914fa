package cn.donghe.rehab.common;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Package-by-feature rules (STYLE.md): a feature reaches another through its service, never its DAO. */
class ArchitectureTest {
  private static final String BASE = "cn.donghe.rehab";
  private static JavaClasses main;

  @BeforeAll
  static void importMain() {
    main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(BASE);
  }

  /** "registry" for cn.donghe.rehab.registry.x.Y; "" for the base package itself. */
  static String featureOf(String packageName) {
    if (!packageName.startsWith(BASE + ".")) return packageName.equals(BASE) ? "" : packageName;
    String rest = packageName.substring(BASE.length() + 1);
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }

  private static final ArchCondition<JavaClass> ONLY_USED_IN_ITS_FEATURE = new ArchCondition<>("be used only inside their own feature package") {
    @Override public void check(JavaClass dao, ConditionEvents events) {
      String feature = featureOf(dao.getPackageName());
      for (Dependency d : dao.getDirectDependenciesToSelf()) {
        JavaClass origin = d.getOriginClass();
        if (!featureOf(origin.getPackageName()).equals(feature)) {
          events.add(SimpleConditionEvent.violated(dao, origin.getName() + " (feature '" + featureOf(origin.getPackageName())
              + "') uses " + dao.getName() + " of feature '" + feature + "': " + d.getDescription()));
        }
      }
    }
  };

  @Test
  void daos_areUsedOnlyInsideTheirOwnFeature() {
    classes().that().haveSimpleNameEndingWith("Dao").should(ONLY_USED_IN_ITS_FEATURE).allowEmptyShould(true).check(main);
  }

  @Test
  void daos_areNotPublic() {
    classes().that().haveSimpleNameEndingWith("Dao").should().notBePublic().allowEmptyShould(true).check(main);
  }

  @Test
  void commonCode_doesNotDependOnFeatures() {
    noClasses().that().resideInAPackage(BASE + ".common..")
        .should().dependOnClassesThat().resideInAnyPackage(BASE + ".contracts..", BASE + ".sessions..", BASE + ".devices..", BASE + ".reports..")
        .check(main);
  }

  /** Formula injection (DESIGN section 6): every CSV/XLSX cell is written through common.SpreadsheetCells. */
  @Test
  void spreadsheetCells_areWrittenOnlyThroughSpreadsheetCells() {
    noClasses().that().doNotHaveFullyQualifiedName(BASE + ".common.SpreadsheetCells")
        .should().callMethodWhere(com.tngtech.archunit.base.DescribedPredicate.describe("CSVPrinter.print* or Worksheet.value",
            call -> (call.getTargetOwner().isEquivalentTo(org.apache.commons.csv.CSVPrinter.class) && call.getName().startsWith("print"))
                || (call.getTargetOwner().isEquivalentTo(org.dhatim.fastexcel.Worksheet.class) && call.getName().equals("value"))))
        .check(main);
  }
}
