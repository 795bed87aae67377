package dev.flowctl.spec;

import dev.flowctl.errors.ErrorCode;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Reads flows.yaml as text for the parser. It must be a regular file, checked before opening it
 * (a FIFO would block forever, a device such as /dev/zero never ends), and it is read only up to
 * {@link SpecParser#MAX_CODE_POINTS}, so an oversized file is refused before it fills memory.
 */
final class SpecFile {
    /** UTF-8 takes at most four bytes per code point: anything larger is over the limit unread. */
    private static final long MAX_BYTES = 4L * SpecParser.MAX_CODE_POINTS;

    private SpecFile() {
    }

    static String read(Path file) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new SpecException(ErrorCode.SPEC_NOT_FOUND, List.of(MissingSpec.problem(file)));
        } catch (IOException e) {
            throw refused(file, "cannot be read (" + e.getMessage() + "); check the path and its permissions.");
        }
        if (attrs.isDirectory()) throw new SpecException(ErrorCode.SPEC_NOT_FOUND, List.of(MissingSpec.problem(file)));
        if (!attrs.isRegularFile()) {
            throw refused(file, "is not a regular file (it is a FIFO, socket or device); point -f/--file at your flows.yaml.");
        }
        if (attrs.size() > MAX_BYTES) throw tooLarge(file);
        StringBuilder text = new StringBuilder((int) Math.min(attrs.size(), SpecParser.MAX_CODE_POINTS + 1L));
        long codePoints = 0;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            char[] buffer = new char[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    if (!Character.isLowSurrogate(buffer[i])) codePoints++;
                }
                if (codePoints > SpecParser.MAX_CODE_POINTS) throw tooLarge(file);
                text.append(buffer, 0, n);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new SpecException(ErrorCode.SPEC_UNREADABLE, List.of(new SpecProblem(file.toString(), 1, 1,
                    "cannot be read as UTF-8 text (" + e.getMessage() + ").", ErrorCode.SPEC_UNREADABLE)));
        }
        return text.toString();
    }

    private static SpecException tooLarge(Path file) {
        return refused(file, "is larger than " + SpecParser.MAX_CODE_POINTS + " characters (64 Mi), the most flowctl reads;"
                + " keep large content in the files flows.yaml names.");
    }

    private static SpecException refused(Path file, String message) {
        return new SpecException(ErrorCode.SPEC_UNREADABLE, List.of(new SpecProblem(file.toString(), 0, 0, message, ErrorCode.SPEC_UNREADABLE)));
    }
}
