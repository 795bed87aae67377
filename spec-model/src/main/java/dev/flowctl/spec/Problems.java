package dev.flowctl.spec;

import dev.flowctl.errors.ErrorCode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** Collects every problem of one parse so the user sees them all in one run. */
final class Problems {
    private final String file;
    private final List<SpecProblem> list = new ArrayList<>();
    /** Checks still running elsewhere (see {@link SpecPaths}): each waits for its problems when asked. */
    private final List<Supplier<List<SpecProblem>>> pending = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    /** A problem of kind {@code code} at {@code node}: each kind has its own code, so a script or doc can name it. */
    void at(ErrorCode code, Node node, String message) {
        at(code, node == null ? null : node.getStartMark(), message);
    }

    void at(ErrorCode code, Mark mark, String message) {
        list.add(problem(code, mark, message));
    }

    /** The problem {@link #at} would record, for a check that runs on another thread and records it {@link #later}. */
    SpecProblem problem(ErrorCode code, Node node, String message) {
        return problem(code, node == null ? null : node.getStartMark(), message);
    }

    private SpecProblem problem(ErrorCode code, Mark mark, String message) {
        int line = mark == null ? 1 : mark.getLine() + 1;
        int column = mark == null ? 1 : mark.getColumn() + 1;
        return new SpecProblem(file, line, column, message, code);
    }

    /** Problems a check running elsewhere finds: waited for before anyone learns whether there are problems. */
    void later(Supplier<List<SpecProblem>> problems) {
        pending.add(problems);
    }

    private void settle() {
        for (Supplier<List<SpecProblem>> p : pending) list.addAll(p.get());
        pending.clear();
    }

    void clear() {
        settle();
        list.clear();
    }

    boolean isEmpty() {
        settle();
        return list.isEmpty();
    }

    /** Every problem once, in file order: content reached twice (an alias, a merge key) may repeat one. */
    List<SpecProblem> sorted() {
        settle();
        List<SpecProblem> sorted = new ArrayList<>(new java.util.LinkedHashSet<>(list));
        sorted.sort(Comparator.comparingInt(SpecProblem::line).thenComparingInt(SpecProblem::column));
        return sorted;
    }

    /**
     * Work left for "did you mean" suggestions in this parse, in compared characters. A lookup costs
     * one per candidate plus 64 x 7 cells per candidate of about the right length; past its first
     * {@link #FREE_CANDIDATES} candidates a lookup draws on this budget, and once it is spent,
     * problems carry no suggestion from long candidate lists. A hostile spec with thousands of long unknown names against thousands of
     * declared ones thus costs milliseconds, not minutes.
     */
    private long suggestionBudget = SUGGESTION_BUDGET;

    static final long SUGGESTION_BUDGET = 20_000_000;
    /** Candidates each lookup compares outside the budget: more than the built-in types or any set of keys. */
    static final int FREE_CANDIDATES = 32;
    /** Names are at most 64 characters; a longer word is no misspelling of one. */
    static final int MAX_SUGGESTED_LENGTH = 64;

    /** " Did you mean 'x'?" for the closest candidate within a small edit distance, else "". */
    String didYouMean(String word, Iterable<String> candidates) {
        String best = suggestion(word, candidates);
        return best == null ? "" : " Did you mean '" + best + "'?";
    }

    /**
     * The candidate closest to {@code word} within a small edit distance (at most 3), or null.
     * Bounded: long words get none, candidates whose length is off by more than the allowed
     * distance are skipped at once, the distance is computed in a band and given up as soon as it
     * exceeds the allowed one, and all lookups of a parse share one budget.
     */
    String suggestion(String word, Iterable<String> candidates) {
        if (word.isEmpty() || word.length() > MAX_SUGGESTED_LENGTH) return null;
        int allowed = Math.max(1, Math.min(3, word.length() / 3));
        String lower = word.toLowerCase(java.util.Locale.ROOT);
        String best = null;
        int bestDistance = allowed + 1;
        int seen = 0;
        for (String c : candidates) {
            // The first few candidates are free, so built-in names and allowed keys are always suggested.
            boolean charged = ++seen > FREE_CANDIDATES;
            if (charged && --suggestionBudget < 0) return best;
            if (Math.abs(c.length() - word.length()) > allowed) continue;
            if (charged) suggestionBudget -= (long) word.length() * (2L * allowed + 1);
            int d = boundedDistance(lower, c.toLowerCase(java.util.Locale.ROOT), bestDistance - 1);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    /**
     * The Levenshtein distance of {@code a} and {@code b} if it is at most {@code max}, else
     * {@code max + 1}: only the diagonal band of width 2 max + 1 is computed, and the computation
     * stops as soon as a whole row of the band exceeds {@code max}.
     */
    static int boundedDistance(String a, String b, int max) {
        if (max < 0) return max + 1;
        if (Math.abs(a.length() - b.length()) > max) return max + 1;
        int over = max + 1;
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = Math.min(j, over);
        for (int i = 1; i <= a.length(); i++) {
            int from = Math.max(1, i - max);
            int to = Math.min(b.length(), i + max);
            java.util.Arrays.fill(cur, over);
            cur[0] = i <= max ? i : over;
            int rowMin = cur[0];
            for (int j = from; j <= to; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int d = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                cur[j] = Math.min(d, over);
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin > max) return over;
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
