package dev.flowctl.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.fasterxml.jackson.databind.JsonNode;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The shape of the code, checked on every build: no package cycles, and every module depends
 * only on the modules below it (the arrows in docs/DESIGN, as the poms declare them). Maven
 * already refuses a module cycle; these rules also catch what Maven cannot see — a cycle between
 * packages of one module, or a use of a module that is only on the classpath transitively. It
 * lives in cli's tests because cli is the one module whose classpath holds every other
 * production module.
 */
class ArchitectureTest {
    /**
     * Each module's packages and the modules it may use, lowest first. A new package goes into
     * its module's list; a new arrow must point down (to a module listed before it).
     */
    private record Module(String name, List<String> packages, Set<String> uses) {
    }

    private static final List<Module> MODULES = List.of(
            new Module("runtime", List.of("dev.flowctl.runtime.."), Set.of()),
            new Module("spec-model", List.of("dev.flowctl.spec..", "dev.flowctl.files..", "dev.flowctl.json.."), Set.of("runtime")),
            new Module("schema-compat", List.of("dev.flowctl.compat.."), Set.of("runtime", "spec-model")),
            new Module("state-backend", List.of("dev.flowctl.state.."), Set.of("runtime", "spec-model")),
            new Module("planner", List.of("dev.flowctl.plan..", "dev.flowctl.apply..", "dev.flowctl.drift..",
                    "dev.flowctl.run..", "dev.flowctl.sourcesync..", "dev.flowctl.port.."),
                    Set.of("runtime", "spec-model", "schema-compat", "state-backend")),
            new Module("engine", List.of("dev.flowctl.engine.."),
                    Set.of("runtime", "spec-model", "schema-compat", "state-backend", "planner")),
            new Module("codegen", List.of("dev.flowctl.codegen.."), Set.of("runtime", "spec-model", "schema-compat")),
            new Module("gateway", List.of("dev.flowctl.gateway.."),
                    Set.of("runtime", "spec-model", "schema-compat", "state-backend", "planner", "engine", "codegen")),
            new Module("cli", List.of("dev.flowctl.cli.."),
                    Set.of("runtime", "spec-model", "schema-compat", "state-backend", "planner", "engine", "codegen", "gateway")));

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // other modules' test-jars (engine, state-backend) are on this classpath as jars
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.flowctl");
    }

    @Test
    void everyModuleIsImported() {
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (Module m : MODULES) {
            seen.put(m.name(), production.stream().anyMatch(c -> m.packages().stream()
                    .anyMatch(p -> c.getPackageName().equals(p.replace("..", ""))
                            || c.getPackageName().startsWith(p.replace("..", ".")))));
        }
        org.junit.jupiter.api.Assertions.assertFalse(seen.containsValue(false), "modules without classes: " + seen);
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.flowctl.(**)").should().beFreeOfCycles().check(production);
    }

    @TestFactory
    List<DynamicTest> dependencyArrowsPointDown() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Module m : MODULES) {
            List<String> forbidden = MODULES.stream()
                    .filter(other -> !other.name().equals(m.name()) && !m.uses().contains(other.name()))
                    .flatMap(other -> other.packages().stream()).toList();
            tests.add(DynamicTest.dynamicTest(m.name() + " uses only " + m.uses(), () -> noClasses()
                    .that().resideInAnyPackage(m.packages().toArray(String[]::new))
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
                    .because(m.name() + " sits below them")
                    .check(production)));
        }
        return tests;
    }

    /**
     * State records and the engine port's requests carry values (canonical JSON text), not a
     * parser's mutable trees: a record holding a JsonNode compares by tree, leaks Jackson to every
     * caller and lets any refactor of Jackson's types change the state file.
     */
    @Test
    void stateRecordsAndThePortHoldNoJacksonTypes() {
        noJacksonFields(fields().that().areDeclaredInClassesThat().resideInAnyPackage("dev.flowctl.state", "dev.flowctl.port"))
                .check(production);
    }

    /** The rule above is not vacuous: it refuses a JsonNode component, also inside a List. */
    @Test
    void theNoJacksonRuleRefusesATreeComponent() {
        JavaClasses fixture = new ClassFileImporter().importClasses(RecordWithTrees.class);
        AssertionError refused = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> noJacksonFields(fields().that().areDeclaredIn(RecordWithTrees.class)).check(fixture));
        String m = refused.getMessage();
        org.junit.jupiter.api.Assertions.assertTrue(m.contains("RecordWithTrees.schema") && m.contains("RecordWithTrees.history"), m);
    }

    private record RecordWithTrees(String flow, JsonNode schema, List<JsonNode> history) {
    }

    /** Instance fields (record components) whose type, or any type argument of it, is Jackson's. */
    private static ArchRule noJacksonFields(com.tngtech.archunit.lang.syntax.elements.GivenFieldsConjunction fields) {
        return fields.and().areNotStatic().should(new ArchCondition<JavaField>("not hold com.fasterxml.jackson types") {
            @Override
            public void check(JavaField field, ConditionEvents events) {
                for (JavaClass type : field.getType().getAllInvolvedRawTypes()) {
                    if (type.getPackageName().startsWith("com.fasterxml.jackson")) {
                        events.add(SimpleConditionEvent.violated(field, field.getFullName() + " holds " + type.getName()));
                    }
                }
            }
        }).because("records carry values; Jackson stays inside the codecs");
    }
}
