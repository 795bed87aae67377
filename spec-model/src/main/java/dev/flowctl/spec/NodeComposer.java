package dev.flowctl.spec;

import java.io.StringReader;
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
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Builds SnakeYAML nodes from parser events, keeping only line and column in each start mark
 * (nothing reads end marks).
 * SnakeYAML's own composer gives every node marks that pin a window of the input for error
 * snippets, which made a 20 MB flows.yaml need over 256 MB of heap; this one needs a fraction.
 * It also refuses what flows.yaml never needs: custom tags, more than one document, aliases
 * that recurse or fan out beyond a bound, and nesting deeper than a bound.
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
    private final Resolver resolver = new Resolver();
    private final Map<String, Node> anchors = new HashMap<>();
    private final java.util.Set<Node> composing = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private final String name;
    private final int maxAliases;
    private final int maxDepth;
    private int aliases;
    private int depth;

    private NodeComposer(String text, String name, LoaderOptions options, FlowSink flowSink) {
        this.flowSink = flowSink;
        Parser events = new ParserImpl(new StreamReader(new StringReader(text)), options);
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
        Event event = parser.getEvent();
        if (event instanceof AliasEvent alias) return alias(alias);
        String anchor = ((NodeEvent) event).getAnchor();
        Node node;
        if (event instanceof ScalarEvent s) {
            Tag tag = s.getTag() == null || s.getTag().equals("!") ? resolver.resolve(NodeId.scalar, s.getValue(),
                    s.getImplicit().canOmitTagInPlainScalar()) : explicit(s.getTag(), event);
            node = new ScalarNode(tag, true, s.getValue(), slim(s.getStartMark()), null, s.getScalarStyle());
            if (anchor != null) anchors.put(anchor, node);
            return node;
        }
        CollectionStartEvent start = (CollectionStartEvent) event;
        if (++depth > maxDepth) {
            throw new Refused("nesting is deeper than " + maxDepth + " levels", slim(start.getStartMark()));
        }
        if (start.getTag() != null && !start.getTag().equals("!")) explicit(start.getTag(), event);
        DumperOptions.FlowStyle flow = start.getFlowStyle();
        if (event.is(Event.ID.SequenceStart)) {
            List<Node> items = new ArrayList<>();
            SequenceNode seq = new SequenceNode(Tag.SEQ, true, items, slim(start.getStartMark()), null, flow);
            register(anchor, seq);
            while (!parser.checkEvent(Event.ID.SequenceEnd)) items.add(node());
            parser.getEvent();
            node = seq;
        } else {
            List<NodeTuple> tuples = new ArrayList<>();
            MappingNode map = new MappingNode(Tag.MAP, true, tuples, slim(start.getStartMark()), null, flow);
            register(anchor, map);
            while (!parser.checkEvent(Event.ID.MappingEnd)) {
                Node key = node();
                boolean flows = depth == 1 && key instanceof ScalarNode k && k.getValue().equals("flows")
                        && parser.checkEvent(Event.ID.MappingStart);
                tuples.add(new NodeTuple(key, flows ? streamFlows(tuples) : node()));
            }
            parser.getEvent();
            node = map;
        }
        composing.remove(node);
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
            flowSink.accept(new NodeTuple(key, node()), rootSoFar);
        }
        parser.getEvent();
        depth--;
        return flows;
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
