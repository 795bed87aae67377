package dev.flowctl.spec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** Collects every problem of one parse so the user sees them all in one run. */
final class Problems {
    private final String file;
    private final List<SpecProblem> list = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    void at(Node node, String message) {
        at(node == null ? null : node.getStartMark(), message);
    }

    void at(Mark mark, String message) {
        int line = mark == null ? 1 : mark.getLine() + 1;
        int column = mark == null ? 1 : mark.getColumn() + 1;
        list.add(new SpecProblem(file, line, column, message));
    }

    void clear() {
        list.clear();
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    /** Every problem once, in file order: content reached twice (an alias, a merge key) may repeat one. */
    List<SpecProblem> sorted() {
        List<SpecProblem> sorted = new ArrayList<>(new java.util.LinkedHashSet<>(list));
        sorted.sort(Comparator.comparingInt(SpecProblem::line).thenComparingInt(SpecProblem::column));
        return sorted;
    }

    /** " Did you mean 'x'?" for the closest candidate within a small edit distance, else "". */
    static String didYouMean(String word, Collection<String> candidates) {
        String best = suggestion(word, candidates);
        return best == null ? "" : " Did you mean '" + best + "'?";
    }

    /** The candidate closest to {@code word} within a small edit distance, or null. */
    static String suggestion(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(word.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        int allowed = Math.max(1, Math.min(3, word.length() / 3));
        return best != null && bestDistance <= allowed ? best : null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
