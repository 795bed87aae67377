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
        return of(format, style, null);
    }

    /** As above; with a {@code linkBase}, Markdown links each flows.yaml position (see {@code --link-base}). */
    static PlanRenderer of(OutputFormat format, Style style, String linkBase) {
        return switch (format) {
            case TEXT -> new TextPlanRenderer(style);
            case MARKDOWN -> new MarkdownPlanRenderer(linkBase);
            case JSON -> new JsonPlanRenderer();
            case GITHUB -> plan -> CiAnnotations.github(Annotation.of(plan));
            case GITLAB -> plan -> {
                java.util.List<Annotation> all = Annotation.of(plan);
                return CiAnnotations.gitlab(all, CiAnnotations.fileOf(all));
            };
        };
    }
}
