package dev.flowctl.catalog;

import static dev.flowctl.catalog.Html.esc;

import dev.flowctl.catalog.CatalogModel.EnvironmentStatus;
import dev.flowctl.catalog.CatalogModel.TimelineEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A flow's history as an SVG: one lane per environment, time left to right, a mark per event
 * (circle: created, diamond: updated, cross: deleted, ring: deployed before the record starts),
 * each with a title a screen reader and a hover read. The page lists the same events in a table.
 */
final class TimelineSvg {
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final int LEFT = 110;
    private static final int WIDTH = 720;
    private static final int LANE = 34;
    private static final int MIN_GAP = 18;

    private TimelineSvg() {
    }

    static String render(String flow, List<TimelineEvent> events, List<EnvironmentStatus> environments) {
        List<TimelineEvent> dated = events.stream().filter(e -> e.at() != null).toList();
        if (dated.isEmpty()) return "";
        Instant from = dated.get(0).at();
        Instant to = dated.get(dated.size() - 1).at();
        long span = Math.max(1, to.getEpochSecond() - from.getEpochSecond());
        int height = LANE * environments.size() + 30;
        StringBuilder b = new StringBuilder();
        b.append("<svg class=\"timeline\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" role=\"img\" aria-labelledby=\"tl-title\"><title id=\"tl-title\">History of ").append(esc(flow))
                .append(" from ").append(DAY.format(from)).append(" to ").append(DAY.format(to)).append("</title>\n");
        for (int lane = 0; lane < environments.size(); lane++) {
            String env = environments.get(lane).name();
            int y = 20 + lane * LANE;
            b.append("<text x=\"0\" y=\"").append(y + 4).append("\" class=\"lane\">").append(esc(env)).append("</text>");
            b.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(y).append("\" x2=\"").append(WIDTH - 10).append("\" y2=\"").append(y)
                    .append("\" class=\"axis\"/>\n");
            double last = Double.NEGATIVE_INFINITY;
            for (TimelineEvent e : dated) {
                if (!e.environment().equals(env)) continue;
                double at = LEFT + 8 + (WIDTH - LEFT - 30) * (double) (e.at().getEpochSecond() - from.getEpochSecond()) / span;
                // Events close in time (one apply creates several versions) sit side by side, not on top of each other; the title has the exact time.
                double x = Math.max(at, last + MIN_GAP);
                last = x;
                String title = e.version() + " " + e.kind().name().toLowerCase(java.util.Locale.ROOT) + " in " + env + ", " + MINUTE.format(e.at());
                b.append("<g class=\"ev ").append(e.kind().name().toLowerCase(java.util.Locale.ROOT)).append("\"><title>").append(esc(title)).append("</title>")
                        .append(mark(e.kind(), x, y)).append("<text x=\"").append(fmt(x)).append("\" y=\"").append(y - 9)
                        .append("\" text-anchor=\"middle\">").append(esc(e.version())).append("</text></g>\n");
            }
        }
        b.append("<text x=\"").append(LEFT).append("\" y=\"").append(height - 4).append("\" class=\"date\">").append(DAY.format(from)).append("</text>");
        b.append("<text x=\"").append(WIDTH - 10).append("\" y=\"").append(height - 4).append("\" class=\"date\" text-anchor=\"end\">")
                .append(DAY.format(to)).append("</text></svg>");
        return b.toString();
    }

    private static String mark(TimelineEvent.Kind kind, double x, int y) {
        String cx = fmt(x);
        return switch (kind) {
            case CREATED -> "<circle cx=\"" + cx + "\" cy=\"" + y + "\" r=\"6\"/>";
            case DEPLOYED -> "<circle cx=\"" + cx + "\" cy=\"" + y + "\" r=\"5\" fill=\"none\" stroke-width=\"2\"/>";
            case UPDATED -> "<path d=\"M" + cx + " " + (y - 7) + "l7 7-7 7-7-7z\"/>";
            case DELETED -> "<path d=\"M" + fmt(x - 5) + " " + (y - 5) + "l10 10m0-10l-10 10\" stroke-width=\"3\"/>";
        };
    }

    private static String fmt(double d) {
        return Long.toString(Math.round(d));
    }
}
