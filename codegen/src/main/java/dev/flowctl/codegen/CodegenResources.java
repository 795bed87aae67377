package dev.flowctl.codegen;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The text files the generators ship in the jar next to their classes (runtimes, the stdlib module list). */
final class CodegenResources {
    private CodegenResources() {
    }

    /** The resource {@code name}, relative to this package; a missing one is a broken build, not a user error. */
    static String text(String name) {
        try (InputStream in = CodegenResources.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("codegen resource " + name + " is missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
