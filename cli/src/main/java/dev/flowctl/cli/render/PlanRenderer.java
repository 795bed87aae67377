package dev.flowctl.cli.render;

import dev.flowctl.plan.Plan;

/** Turns a plan into text for one audience; every renderer reads only the serialisable {@link Plan}. */
public interface PlanRenderer {
    String render(Plan plan);

    /** Writes the rendering; renderers of large plans override this to stream. */
    default void render(Plan plan, java.io.PrintWriter out) {
        out.print(render(plan));
    }

    /** The renderer for a format; {@code style} colours only the text format. */
    static PlanRenderer of(OutputFormat format, Style style) {
        return switch (format) {
            case TEXT -> new TextPlanRenderer(style);
            case MARKDOWN -> new MarkdownPlanRenderer();
            case JSON -> new JsonPlanRenderer();
        };
    }
}
