package dev.flowctl.spec;

import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * SnakeYAML's YAML 1.1 resolver with the same answers for less work. The standard one tries a
 * regular expression per candidate tag on every plain scalar, which was a tenth of composing a large
 * flows.yaml. Here a scalar whose first character starts no implicit tag (most names and keys) is a
 * string at once, and the answer for any other short scalar is remembered: flows.yaml repeats the
 * same keys and values ({@code type}, {@code required}, {@code true}, {@code string}) thousands of times.
 */
final class PlainScalarResolver extends Resolver {
    /** Scalars longer than this are resolved without being remembered, so the memo stays small. */
    private static final int MEMO_MAX_LENGTH = 64;
    private static final int MEMO_MAX_ENTRIES = 4096;

    /** True for the ASCII characters that start some implicit tag's pattern (bool, int, float, null, merge, timestamp). */
    private final boolean[] startsATag = new boolean[128];
    private final boolean anyStart;
    private final Map<String, Tag> memo = new HashMap<>();

    PlainScalarResolver() {
        boolean any = false;
        for (Character first : yamlImplicitResolvers.keySet()) {
            // The resolvers under the null key are tried on every scalar: SnakeYAML registers its null
            // patterns there (^$ and ~|null|Null|NULL| ), which match no scalar starting with anything but
            // a registered character or a space (PlainScalarResolverTest).
            if (first == null) continue;
            if (first < 128) startsATag[first] = true;
            else any = true;
        }
        this.anyStart = any;
    }

    @Override
    public Tag resolve(NodeId kind, String value, boolean implicit) {
        if (kind != NodeId.scalar || !implicit || value.isEmpty() || anyStart) return super.resolve(kind, value, implicit);
        char first = value.charAt(0);
        if (first > ' ' && first < 128 && !startsATag[first]) return Tag.STR;
        if (value.length() > MEMO_MAX_LENGTH) return super.resolve(kind, value, true);
        Tag tag = memo.get(value);
        if (tag == null) {
            tag = super.resolve(kind, value, true);
            if (memo.size() < MEMO_MAX_ENTRIES) memo.put(value, tag);
        }
        return tag;
    }
}
