package dev.flowctl.spec;

/**
 * Natural order of version names, so that v2 sorts before v10. Names that differ only in leading
 * zeros (v1, v01) are distinct versions: they tie on their numbers and then order as text, so a
 * sorted map never takes one for the other.
 */
public final class VersionOrder {
    private VersionOrder() {
    }

    public static int compare(String a, String b) {
        int natural = natural(a, b);
        return natural != 0 ? natural : a.compareTo(b);
    }

    private static int natural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) i++;
                while (j < b.length() && Character.isDigit(b.charAt(j))) j++;
                while (si < i - 1 && a.charAt(si) == '0') si++; // leading zeros do not count
                while (sj < j - 1 && b.charAt(sj) == '0') sj++;
                int c = Integer.compare(i - si, j - sj);
                for (int k = 0; c == 0 && k < i - si; k++) c = Character.compare(a.charAt(si + k), b.charAt(sj + k));
                if (c != 0) return c;
            } else {
                if (ca != cb) return Character.compare(ca, cb);
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
