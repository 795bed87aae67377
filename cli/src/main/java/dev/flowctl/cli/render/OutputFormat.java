package dev.flowctl.cli.render;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How a command prints its result: for people (text), for PR comments (markdown) or for programs (json). */
public enum OutputFormat {
    TEXT, MARKDOWN, JSON;

    /** The name written on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Accepts the lower-case ids (any case); the error lists them. */
    public static final class Converter implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            for (OutputFormat f : values()) {
                if (f.id().equalsIgnoreCase(value.trim())) return f;
            }
            throw new TypeConversionException("unknown format '" + value + "'; use one of " + String.join(", ", new Candidates()));
        }
    }

    /** The ids, for --help and shell completion. */
    public static final class Candidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            List<String> ids = new ArrayList<>();
            for (OutputFormat f : values()) ids.add(f.id());
            return ids.iterator();
        }
    }
}
