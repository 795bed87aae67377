package dev.flowctl.engine.stepfunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AslDefinitionTest {
    @TempDir
    Path dir;

    @Test
    void theVerifiedBytesAreSentNotTheFileAsItIsNow() throws IOException {
        Path file = Files.writeString(dir.resolve("a.asl.yaml"), "StartAt: Edited\nStates: {}\n");
        byte[] planned = "StartAt: Planned\nStates: {}\n".getBytes(StandardCharsets.UTF_8);

        assertEquals("{\"StartAt\":\"Planned\",\"States\":{}}", AslDefinition.read(file, planned, "a@v1").json());
        assertEquals("{\"StartAt\":\"Edited\",\"States\":{}}", AslDefinition.read(file, null, "a@v1").json());
    }
}
