package dev.flowctl.codegen;

import dev.flowctl.errors.ErrorCode;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** What codegen can write; each language has its own folder under the output directory. */
public enum Language {
    PROTO("proto"), JAVA("java"), PYTHON("python");

    private final String folder;

    Language(String folder) {
        this.folder = folder;
    }

    public String folder() {
        return folder;
    }

    /** Parses {@code proto,java,python}; throws CodegenException naming the unknown one. */
    public static Set<Language> parse(String list) {
        Set<Language> out = EnumSet.noneOf(Language.class);
        for (String part : list.split(",")) {
            String p = part.strip().toLowerCase(Locale.ROOT);
            if (p.isEmpty()) continue;
            Language l = Arrays.stream(values()).filter(v -> v.folder.equals(p)).findFirst().orElseThrow(() ->
                    new CodegenException(ErrorCode.CODEGEN_UNKNOWN_LANGUAGE, "unknown codegen language '" + part.strip() + "'; use one or more of "
                            + Arrays.stream(values()).map(Language::folder).collect(Collectors.joining(", ")) + "."));
            out.add(l);
        }
        if (out.isEmpty()) {
            throw new CodegenException(ErrorCode.CODEGEN_UNKNOWN_LANGUAGE, "no codegen language given; use one or more of "
                    + Arrays.stream(values()).map(Language::folder).collect(Collectors.joining(", ")) + ".");
        }
        return out;
    }
}
