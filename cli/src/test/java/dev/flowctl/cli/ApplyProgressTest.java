package dev.flowctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowctl.cli.render.Style;
import dev.flowctl.plan.Action;
import dev.flowctl.plan.ActionReason;
import dev.flowctl.plan.PlannedChange;
import dev.flowctl.spec.FlowVersionAddress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApplyProgressTest {
    private static PlannedChange create(String address) {
        return new PlannedChange(FlowVersionAddress.parse(address), Action.CREATE, Set.of(ActionReason.NEW_VERSION),
                List.of(), List.of(), null);
    }

    @Test
    void terminalShowsDoneOverTotalAndWhatIsRunningOnOneRewrittenLine() {
        StringWriter text = new StringWriter();
        ApplyProgress p = new ApplyProgress(new PrintWriter(text), Style.plain(), true, 2);
        p.started(create("a@v1"));
        p.started(create("b@v1"));
        assertTrue(text.toString().endsWith("\r\033[2K[0/2] — a@v1, b@v1"), text.toString());
        p.finished(create("a@v1"), Duration.ofMillis(1500));
        assertTrue(text.toString().endsWith("\r\033[2Ka@v1: Creation complete after 1.5s\n\r\033[2K[1/2] — b@v1"), text.toString());
        p.failed(create("b@v1"), "boom.");
        assertTrue(text.toString().endsWith("b@v1: Creation failed: boom.\n\r\033[2K[2/2]\r\033[2K"), "status cleared at the end: " + text);
    }

    @Test
    void logsGetOneLinePerFinishedActionAndNoControlCharacters() {
        StringWriter text = new StringWriter();
        ApplyProgress p = new ApplyProgress(new PrintWriter(text), Style.plain(), false, 2);
        p.started(create("a@v1"));
        p.started(create("b@v1"));
        p.finished(create("b@v1"), Duration.ofMillis(200));
        p.failed(create("a@v1"), "boom.");
        assertEquals("[1/2] b@v1: Creation complete after 0.2s\n[2/2] a@v1: Creation failed: boom.\n", text.toString());
    }
}
