package nl.kassier.ledger.api.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import nl.kassier.ledger.core.budget.BudgetEvent;
import nl.kassier.ledger.core.privacy.ErasureEvent;
import nl.kassier.ledger.core.reconciliation.ReconciliationEvent;
import nl.kassier.ledger.core.regeling.RegelingEvent;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The architecture the modules promise, checked where the whole classpath is visible. */
class ArchitectureTest {

    static JavaClasses ledger;

    @BeforeAll
    static void importClasses() {
        ledger = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("nl.kassier.ledger");
    }

    @Test
    void coreUsesNoSpringJpaJdbcOrJackson() {
        noClasses()
                .that()
                .resideInAPackage("nl.kassier.ledger.core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "jakarta.persistence..",
                        "javax.persistence..",
                        "java.sql..",
                        "javax.sql..",
                        "org.hibernate..",
                        "com.fasterxml.jackson..")
                .check(ledger);
    }

    @Test
    void coreDependsOnNoOtherModule() {
        noClasses()
                .that()
                .resideInAPackage("nl.kassier.ledger.core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "nl.kassier.ledger.api..", "nl.kassier.ledger.projections..", "nl.kassier.ledger.infra..")
                .check(ledger);
    }

    @Test
    void projectionsDoNotReachIntoTheApi() {
        noClasses()
                .that()
                .resideInAPackage("nl.kassier.ledger.projections..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("nl.kassier.ledger.api..")
                .check(ledger);
    }

    /** An uploaded document is parsed in one place, the hardened pass that refuses DTDs and external entities. */
    @Test
    void onlyTheHardenedPassParsesXml() {
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName("nl.kassier.ledger.api.reconciliation.StatementXml")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("javax.xml..", "org.xml.sax..", "org.w3c.dom..", "jakarta.xml.bind..")
                .check(ledger);
    }

    /** The events: what implements an aggregate's sealed event type. */
    private static DescribedPredicate<JavaClass> anEvent() {
        return JavaClass.Predicates.assignableTo(BudgetEvent.class)
                .or(JavaClass.Predicates.assignableTo(RegelingEvent.class))
                .or(JavaClass.Predicates.assignableTo(ReconciliationEvent.class))
                .or(JavaClass.Predicates.assignableTo(ErasureEvent.class));
    }

    @Test
    void everyEventIsARecordWithARevision() {
        classes()
                .that(anEvent())
                .and()
                .areNotInterfaces()
                .should()
                .beRecords()
                .andShould()
                .beAnnotatedWith(Revision.class)
                .check(ledger);
    }

    @Test
    void aRecordWithARevisionIsAnEventOfItsAggregatesType() {
        classes()
                .that()
                .resideInAPackage("nl.kassier.ledger.core..")
                .and()
                .areAnnotatedWith(Revision.class)
                .and()
                .areRecords()
                .should(beAssignableToAnEventType())
                .check(ledger);
    }

    private static ArchCondition<JavaClass> beAssignableToAnEventType() {
        return new ArchCondition<>("implement its aggregate's sealed event type") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                if (!anEvent().test(item)) {
                    events.add(SimpleConditionEvent.violated(item, item.getName() + " is no aggregate's event"));
                }
            }
        };
    }

    @Test
    void coreFeaturesHaveNoCycles() {
        slices().matching("nl.kassier.ledger.core.(*)..")
                .should()
                .beFreeOfCycles()
                .check(ledger);
    }

    @Test
    void apiFeaturesHaveNoCycles() {
        slices().matching("nl.kassier.ledger.api.(*)..")
                .should()
                .beFreeOfCycles()
                .check(ledger);
    }
}
