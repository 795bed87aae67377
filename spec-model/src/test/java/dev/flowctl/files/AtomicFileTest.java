package dev.flowctl.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    private List<Path> files() throws IOException {
        try (Stream<Path> all = Files.list(dir)) {
            return all.sorted().toList();
        }
    }

    @Test
    void replacesTheFileAndLeavesNothingElse() throws IOException {
        Path target = dir.resolve("state.json");
        Files.writeString(target, "old");
        AtomicFile.write(target, "new".getBytes(StandardCharsets.UTF_8));
        assertEquals("new", Files.readString(target));
        assertEquals(List.of(target), files());
    }

    @Test
    void aFailedWriteRemovesItsTemporaryFile() throws IOException {
        Path target = dir.resolve("state.json");
        Files.createDirectories(target.resolve("in-the-way")); // a non-empty directory cannot be replaced by a file
        assertThrows(IOException.class, () -> AtomicFile.write(target, "new".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(target), files());
        assertArrayEquals(new String[] {"in-the-way"}, target.toFile().list());
    }
}
