package dev.flowctl.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a caller starting a run relies on: every violation named by its path, defaults applied, one canonical form. */
class InputSchemaTest {
    private static final ObjectMapper M = new ObjectMapper();

    /** fleet_features@v1 of flows.yaml.example plus one of every other type, in the form state records. */
    static final String SCHEMA = """
            [
              {"name":"as_of","type":{"kind":"date"}},
              {"name":"fleet_id","type":{"kind":"string"},"required":true},
              {"name":"mode","type":{"kind":"enum","values":["fast","full"]},"default":"fast"},
              {"name":"months","type":{"kind":"custom","name":"month_count","base":"int","min":1,"max":120},"default":24},
              {"name":"options","type":{"kind":"struct","fields":[
                {"name":"dry_run","type":{"kind":"bool"}},
                {"name":"regions","type":{"kind":"list","element":{"kind":"enum","values":["eu","us"]}}},
                {"name":"window","type":{"kind":"struct","fields":[{"name":"days","type":{"kind":"int"},"default":7},
                                                                   {"name":"start","type":{"kind":"timestamp"},"required":true}]}}
              ]}},
              {"name":"output","type":{"kind":"custom","name":"s3_path","base":"string","pattern":"^s3://[a-z0-9.-]{3,63}/.*$"},"required":true},
              {"name":"reviewers","type":{"kind":"map","key":{"kind":"string"},"value":{"kind":"int"}}},
              {"name":"threshold","type":{"kind":"custom","name":"probability","base":"float","min":0,"max":1},"default":0.8}
            ]""";

    private static final InputSchema S = InputSchema.parse(SCHEMA);

    private static JsonNode json(String s) throws Exception {
        return M.readTree(s);
    }

    private static List<InputViolation> refused(String input) {
        return assertThrows(InvalidInputException.class, () -> S.check(input)).violations();
    }

    @Test
    void aValidInputComesBackCanonicalWithDefaultsApplied() throws Exception {
        CheckedInput in = S.check("""
                {"fleet_id":"f1","output":"s3://bucket/x","threshold":1,
                 "options":{"regions":["eu"],"window":{"start":"2024-01-31T13:00:00+01:00"}}}""");
        assertEquals(json("""
                {"fleet_id":"f1","mode":"fast","months":24,"output":"s3://bucket/x","threshold":1.0,
                 "options":{"regions":["eu"],"window":{"days":7,"start":"2024-01-31T12:00:00Z"}}}"""), in.json());
    }

    @Test
    void everyViolationIsNamedByItsPathAtOnce() {
        List<InputViolation> v = refused("""
                {"months":0,"output":"/tmp/x","mode":"turbo","options":{"regions":["eu","us","mars"],"window":{}},
                 "reviewers":{"alice":"3"},"colour":"red"}""");
        assertEquals(List.of(
                new InputViolation("fleet_id", "is required"),
                new InputViolation("mode", "must be one of fast, full; got \"turbo\""),
                new InputViolation("months", "must be between 1 and 120 inclusive; got 0"),
                new InputViolation("options.regions[2]", "must be one of eu, us; got \"mars\""),
                new InputViolation("options.window.start", "is required"),
                new InputViolation("output", "must match ^s3://[a-z0-9.-]{3,63}/.*$; got \"/tmp/x\""),
                new InputViolation("reviewers[\"alice\"]", "must be a whole number (64-bit); got \"3\""),
                new InputViolation("colour", "is unknown (expected one of: as_of, fleet_id, mode, months, options, output, reviewers, threshold)")), v);
    }

    @Test
    void theMessageIsOneSentenceListingEveryViolation() {
        var e = assertThrows(InvalidInputException.class, () -> S.check("{\"fleet_id\":7,\"output\":\"s3://abc/\"}"));
        assertEquals("input refused: 'fleet_id' must be a string; got 7.", e.getMessage());
    }

    @Test
    void typesAreStrict() {
        assertEquals(List.of(new InputViolation("months", "must be a whole number (64-bit); got 2.5")),
                refused("{\"fleet_id\":\"f\",\"output\":\"s3://abc/\",\"months\":2.5}"));
        assertEquals(List.of(new InputViolation("as_of", "must be a date written YYYY-MM-DD (years 0001 to 9999); got \"31/01/2024\"")),
                refused("{\"fleet_id\":\"f\",\"output\":\"s3://abc/\",\"as_of\":\"31/01/2024\"}"));
        assertEquals(List.of(new InputViolation("threshold", "must be a finite number within the range of a 64-bit float")),
                refused("{\"fleet_id\":\"f\",\"output\":\"s3://abc/\",\"threshold\":1e400}"));
        assertEquals(List.of(new InputViolation("", "must be an object; got [1]")), refused("[1]"));
        assertEquals(List.of(new InputViolation("", "is not valid JSON: Unexpected end-of-input: expected close marker for Object (start marker at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1])")),
                refused("{"));
    }

    /** Jackson's readTree stops after the first value; a run must not start with half of what was sent. */
    @Test
    void anythingButWhitespaceAfterTheJsonValueIsRefused() {
        String ok = "{\"fleet_id\":\"f\",\"output\":\"s3://abc/\"}";
        assertEquals(List.of(new InputViolation("", "is not valid JSON: Unexpected content after the JSON value (only whitespace may follow it)")),
                refused(ok + " {\"fleet_id\":\"g\"}"));
        assertEquals(List.of(new InputViolation("", "is not valid JSON: Unexpected content after the JSON value (only whitespace may follow it)")),
                refused(ok + "[]"));
        List<InputViolation> word = refused(ok + " trailing");
        assertEquals(1, word.size());
        assertTrue(word.get(0).message().startsWith("is not valid JSON: Unrecognized token 'trailing'"), word::toString);
        assertEquals("f", S.check(ok + " \n\t\r\n").json().get("fleet_id").asText());
    }

    @Test
    void nullIsTheSameAsLeavingAnInputOut() throws Exception {
        assertEquals(json("{\"fleet_id\":\"f\",\"mode\":\"fast\",\"months\":24,\"output\":\"s3://abc/\",\"threshold\":0.8}"),
                S.check("{\"fleet_id\":\"f\",\"output\":\"s3://abc/\",\"mode\":null,\"as_of\":null}").json());
    }

    @Test
    void aHugeRefusedValueIsNotEchoedWhole() {
        String big = "x".repeat(100_000);
        String message = refused("{\"fleet_id\":\"f\",\"output\":\"" + big + "\"}").get(0).message();
        assertEquals(true, message.length() < 300, message);
    }

    @Test
    void aDefaultItsOwnTypeRefusesMakesTheSchemaUnusable() {
        var e = assertThrows(IllegalArgumentException.class, () -> InputSchema.parse(
                "[{\"name\":\"n\",\"type\":{\"kind\":\"int\"},\"default\":\"x\"}]"));
        assertEquals("the recorded input schema cannot be used: input 'n': its default must be a whole number (64-bit); got \"x\"", e.getMessage());
    }

    /** What a generated stub's parser relies on: the same rules and paths, but an unknown member is left out, not refused. */
    @Test
    void aStubsSchemaLeavesUnknownMembersOutAndRefusesTheRestAlike() throws Exception {
        InputSchema stub = InputSchema.forStubs(SCHEMA);
        assertEquals(json("{\"fleet_id\":\"f\",\"mode\":\"fast\",\"months\":24,\"output\":\"s3://abc/\",\"threshold\":0.8,"
                        + "\"options\":{\"window\":{\"days\":7,\"start\":\"2024-01-31T12:00:00Z\"}}}"),
                stub.check("{\"fleet_id\":\"f\",\"output\":\"s3://abc/\",\"colour\":\"red\","
                        + "\"options\":{\"window\":{\"start\":\"2024-01-31T12:00:00Z\",\"hours\":3}}}").json());
        String bad = "{\"months\":0,\"output\":\"/tmp/x\",\"options\":{\"regions\":[\"mars\"],\"window\":{}}}";
        assertEquals(refused(bad), assertThrows(InvalidInputException.class, () -> stub.check(bad)).violations());
    }

    /** A stub's nested class checks its struct alone, and names each violation by its path from the version's input. */
    @Test
    void aStructsSchemaNamesViolationsByTheirPathFromTheWholeInput() throws Exception {
        InputSchema window = InputSchema.forStubs(SCHEMA).struct("options.window");
        assertEquals(List.of(new InputViolation("options.window.start", "is required"),
                        new InputViolation("options.window.hours", "is unknown (expected one of: days, start)")),
                S.struct("options").struct("window").violations(json("{\"days\":7,\"hours\":1}")));
        assertEquals(List.of(new InputViolation("options.window.days", "must be a whole number (64-bit); got \"7\""),
                        new InputViolation("options.window.start", "is required")),
                window.violations(json("{\"days\":\"7\"}")));
        assertEquals(List.of(new InputViolation("options.window", "must be an object; got 3")), window.violations(json("3")));
        var e = assertThrows(IllegalArgumentException.class, () -> S.struct("options.regions"));
        assertEquals("the input schema has no struct at 'options.regions'", e.getMessage());
    }

    @Test
    void textThatIsNoJsonIsRefusedAsAViolation() {
        var e = assertThrows(InvalidInputException.class, () -> InputSchema.parseJson("{\"a\":"));
        assertEquals("", e.violations().get(0).path());
        assertEquals(List.of(new InputViolation("", "is empty; give a JSON object")),
                assertThrows(InvalidInputException.class, () -> S.check(InputSchema.parseJson(""))).violations());
    }
}
