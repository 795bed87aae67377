package dev.flowctl.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Builds SnakeYAML nodes from parser events, keeping only line and column in each start mark
 * (nothing reads end marks).
 * SnakeYAML's own composer gives every node marks that pin a window of the input for error
 * snippets, which made a 20 MB flows.yaml need over 256 MB of heap; this one needs a fraction.
 * It also refuses what flows.yaml never needs: custom tags, more than one document, aliases
 * that recurse or fan out beyond a bound, and nesting deeper than a bound.
 *
 * <p>Merge keys ({@code <<: *base}, {@code <<: [*a, *b]}) are flattened here, as YAML 1.1 specifies,
 * so every reader sees a plain mapping: keys written in the mapping win over merged ones, and an
 * earlier source in a list wins over a later one. Merged keys come first, in source order.
 */
final class NodeComposer {
    private static final int[] NO_SNIPPET = new int[0];
    private static final Set<Tag> STANDARD_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL,
            Tag.TIMESTAMP, Tag.SEQ, Tag.MAP);

    /** Receives each entry of the top-level {@code flows:} mapping as soon as it is composed. */
    interface FlowSink {
        /**
         * @param flow      the flow's name node and its content
         * @param rootSoFar the top-level entries composed before {@code flows:}
         */
        void accept(NodeTuple flow, List<NodeTuple> rootSoFar);
    }

    /** From this size on (about 100 flows), tokenizing on a second thread pays for the thread. */
    static final int PREFETCH_FROM_CHARS = 256 * 1024;

    private final Parser parser;
    private final FlowSink flowSink;
    private final Resolver resolver = new PlainScalarResolver();
    private final Map<String, Node> anchors = new HashMap<>();
    private final java.util.Set<Node> composing = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private final String name;
    private final int maxAliases;
    private final int maxDepth;
    private int aliases;
    private int depth;
    /** Nodes composed so far, an alias counting every node its anchor holds (merge keys are aliases too). */
    private long expanded;
    /** Of these, the nodes aliases repeated; bounded by {@link #MAX_ALIAS_EXPANSION}. */
    private long repeated;
    /** The expanded size of each anchored collection, so an alias to it counts what it repeats. */
    private final Map<Node, Long> sizes = new java.util.IdentityHashMap<>();

    /**
     * The most nodes aliases may repeat in one document. Counting aliases alone lets 50 aliases
     * that each double the one before ({@code &a1 [&a0 [x, x], *a0]}) reach 2^50 nodes, which every
     * reader of the tree would then walk; no real flows.yaml shares more than a few thousand.
     */
    static final long MAX_ALIAS_EXPANSION = 100_000;

    private NodeComposer(String text, String name, LoaderOptions options, FlowSink flowSink) {
        this.flowSink = flowSink;
        Parser events = QuickYamlParser.of(text, options);
        this.parser = text.length() >= PREFETCH_FROM_CHARS ? new PrefetchingParser(events) : events;
        this.name = name;
        this.maxAliases = options.getMaxAliasesForCollections();
        this.maxDepth = options.getNestingDepthLimit();
    }

    /**
     * The single document's root node, or null for an empty stream. Each flow under a top-level
     * {@code flows:} mapping goes to {@code flowSink} instead of into the tree (which keeps an
     * empty {@code flows:} mapping), so a large spec never has all its nodes in memory at once.
     */
    static Node compose(String text, String name, LoaderOptions options, FlowSink flowSink) {
        NodeComposer composer = new NodeComposer(text, name, options, flowSink);
        try {
            return composer.document();
        } finally {
            if (composer.parser instanceof PrefetchingParser prefetching) prefetching.close();
        }
    }

    private Node document() {
        parser.getEvent(); // stream start
        if (parser.checkEvent(Event.ID.StreamEnd)) return null;
        parser.getEvent(); // document start
        Node root = node();
        parser.getEvent(); // document end
        if (!parser.checkEvent(Event.ID.StreamEnd)) {
            Event extra = parser.getEvent();
            throw new Refused("flows.yaml holds one YAML document, but another starts here", slim(extra.getStartMark()));
        }
        return root;
    }

    private Node node() {
        return node(null);
    }

    /** @param itemMarks when non-null and the node is a sequence written here, receives where each item starts */
    private Node node(List<Mark> itemMarks) {
        Event event = parser.getEvent();
        if (event instanceof AliasEvent alias) return alias(alias);
        String anchor = ((NodeEvent) event).getAnchor();
        Node node;
        if (event instanceof ScalarEvent s) {
            if (s.getValue().length() > Limits.MAX_STRING_LENGTH) {
                throw new Refused("a value of " + s.getValue().length() + " characters is longer than the limit of "
                        + Limits.MAX_STRING_LENGTH + "; keep large content in files that flows.yaml names", slim(s.getStartMark()));
            }
            Tag tag = s.getTag() == null || s.getTag().equals("!") ? resolver.resolve(NodeId.scalar, s.getValue(),
                    s.getImplicit().canOmitTagInPlainScalar()) : explicit(s.getTag(), event);
            node = new ScalarNode(tag, true, s.getValue(), slim(s.getStartMark()), null, s.getScalarStyle());
            expanded++;
            if (anchor != null) anchors.put(anchor, node);
            return node;
        }
        CollectionStartEvent start = (CollectionStartEvent) event;
        if (++depth > maxDepth) {
            throw new Refused("nesting is deeper than " + maxDepth + " levels", slim(start.getStartMark()));
        }
        if (start.getTag() != null && !start.getTag().equals("!")) explicit(start.getTag(), event);
        long before = expanded++;
        DumperOptions.FlowStyle flow = start.getFlowStyle();
        if (event.is(Event.ID.SequenceStart)) {
            List<Node> items = new ArrayList<>();
            SequenceNode seq = new SequenceNode(Tag.SEQ, true, items, slim(start.getStartMark()), null, flow);
            register(anchor, seq);
            while (!parser.checkEvent(Event.ID.SequenceEnd)) {
                if (itemMarks != null) itemMarks.add(slim(parser.peekEvent().getStartMark()));
                items.add(node());
            }
            parser.getEvent();
            node = seq;
        } else {
            List<NodeTuple> tuples = new ArrayList<>();
            MappingNode map = new MappingNode(Tag.MAP, true, tuples, slim(start.getStartMark()), null, flow);
            register(anchor, map);
            List<MappingNode> merged = null;
            Mark mergedAt = null;
            while (!parser.checkEvent(Event.ID.MappingEnd)) {
                Node key = node();
                if (isMergeKey(key)) {
                    if (merged != null) {
                        throw new Refused("a mapping holds one merge key '<<'; merge several mappings with <<: [*a, *b]", key.getStartMark());
                    }
                    mergedAt = key.getStartMark();
                    merged = mergeSources();
                    continue;
                }
                boolean flows = depth == 1 && key instanceof ScalarNode k && k.getValue().equals("flows")
                        && parser.checkEvent(Event.ID.MappingStart);
                tuples.add(new NodeTuple(key, flows ? streamFlows(tuples) : node()));
            }
            parser.getEvent();
            if (merged != null) merge(tuples, merged, mergedAt);
            node = map;
        }
        composing.remove(node);
        if (anchor != null) sizes.put(node, expanded - before);
        depth--;
        return node;
    }

    private Node streamFlows(List<NodeTuple> rootSoFar) {
        CollectionStartEvent start = (CollectionStartEvent) parser.getEvent();
        MappingNode flows = new MappingNode(Tag.MAP, true, new ArrayList<>(), slim(start.getStartMark()), null, start.getFlowStyle());
        if (start.getAnchor() != null) anchors.put(start.getAnchor(), flows);
        depth++;
        while (!parser.checkEvent(Event.ID.MappingEnd)) {
            Node key = node();
            if (isMergeKey(key)) {
                // Flows are handed on one by one, before the mapping's explicit keys are all known.
                throw new Refused("flows: cannot take a merge key '<<'; write each flow under its name, "
                        + "and merge inside a flow or version instead", key.getStartMark());
            }
            flowSink.accept(new NodeTuple(key, node()), rootSoFar);
        }
        parser.getEvent();
        depth--;
        return flows;
    }

    private static boolean isMergeKey(Node key) {
        return key instanceof ScalarNode s && s.getTag().equals(Tag.MERGE);
    }

    /** The mappings the value of a merge key names: one mapping, or a list of them. */
    private List<MappingNode> mergeSources() {
        Mark valueAt = slim(parser.peekEvent().getStartMark());
        List<Mark> itemMarks = new ArrayList<>();
        Node value = node(itemMarks);
        if (value instanceof MappingNode m) return List.of(m);
        String wanted = "the merge key '<<' takes a mapping or a list of mappings, e.g. <<: *base or <<: [*a, *b]";
        if (!(value instanceof SequenceNode seq)) {
            throw new Refused(wanted + ", not " + YamlMaps.describe(value), valueAt);
        }
        List<MappingNode> sources = new ArrayList<>();
        List<Node> items = seq.getValue();
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof MappingNode m)) {
                // An item written elsewhere (the list is itself an alias) is reported where the list is used.
                Mark at = i < itemMarks.size() ? itemMarks.get(i) : valueAt;
                throw new Refused(wanted + "; item " + (i + 1) + " is " + YamlMaps.describe(items.get(i)), at);
            }
            sources.add(m);
        }
        return sources;
    }

    /**
     * Adds the entries of {@code sources} that {@code tuples} does not write itself, first source
     * first. An explicit key that overrides a merged one takes the merged key's place, as in
     * PyYAML and SnakeYAML. Merged keys are re-marked at the merge key, so a problem with one
     * (a key not allowed here) points at the line that brought it in; their values keep their
     * own positions, where a fix belongs.
     */
    private static void merge(List<NodeTuple> tuples, List<MappingNode> sources, Mark mergedAt) {
        Map<String, List<NodeTuple>> explicit = new java.util.LinkedHashMap<>();
        for (NodeTuple t : tuples) {
            if (t.getKeyNode() instanceof ScalarNode k) explicit.computeIfAbsent(k.getValue(), x -> new ArrayList<>()).add(t);
        }
        List<NodeTuple> out = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        Set<NodeTuple> placed = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (MappingNode source : sources) {
            for (NodeTuple t : source.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode k)) {
                    out.add(t);
                    continue;
                }
                if (!seen.add(k.getValue())) continue;
                List<NodeTuple> own = explicit.get(k.getValue());
                if (own != null) {
                    out.addAll(own);
                    placed.addAll(own);
                } else {
                    ScalarNode key = new ScalarNode(k.getTag(), true, k.getValue(), mergedAt, null, k.getScalarStyle());
                    out.add(new NodeTuple(key, t.getValueNode()));
                }
            }
        }
        for (NodeTuple t : tuples) {
            if (!placed.contains(t)) out.add(t);
        }
        tuples.clear();
        tuples.addAll(out);
    }

    private void register(String anchor, Node collection) {
        composing.add(collection);
        if (anchor != null) anchors.put(anchor, collection);
    }

    private Node alias(AliasEvent alias) {
        Node target = anchors.get(alias.getAnchor());
        if (target == null) {
            throw new Refused("alias *" + alias.getAnchor() + " names no anchor defined before it", slim(alias.getStartMark()));
        }
        if (composing.contains(target)) {
            throw new Refused("alias *" + alias.getAnchor() + " refers to a collection that contains it", slim(alias.getStartMark()));
        }
        if (!(target instanceof ScalarNode) && ++aliases > maxAliases) {
            throw new Refused("more than " + maxAliases + " aliases to collections", slim(alias.getStartMark()));
        }
        long size = sizes.getOrDefault(target, 1L);
        expanded += size;
        repeated += size;
        if (repeated > MAX_ALIAS_EXPANSION) {
            throw new Refused("aliases here repeat more than " + MAX_ALIAS_EXPANSION + " nodes in all (this one repeats "
                    + size + "); write the shared content out or share smaller pieces", slim(alias.getStartMark()));
        }
        return target;
    }

    private Tag explicit(String tag, Event event) {
        Tag t = new Tag(tag);
        if (!STANDARD_TAGS.contains(t)) {
            throw new Refused("tag " + tag.replace(Tag.PREFIX, "!!") + " is not allowed; flows.yaml uses plain YAML values only", slim(event.getStartMark()));
        }
        return t;
    }

    private Mark slim(Mark m) {
        return m == null ? null : new Mark(name, m.getIndex(), m.getLine(), m.getColumn(), NO_SNIPPET, 0);
    }

    /** YAML that flows.yaml does not accept, at a position. */
    private static final class Refused extends MarkedYAMLException {
        Refused(String problem, Mark mark) {
            super("", null, problem, mark);
        }
    }
}
