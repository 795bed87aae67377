package dev.flowctl.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowctl.catalog.CatalogModel.PlanFinding;
import dev.flowctl.catalog.CatalogModel.PlanSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the output of {@code flowctl plan --format json} (docs/schemas/plan.schema.json) for the catalog. */
public final class PlanReport {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PlanReport() {
    }

    /** The plan's findings per version that it would change or that a finding names; throws IllegalArgumentException on anything else. */
    public static PlanSummary parse(String json) {
        JsonNode plan;
        try {
            plan = MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("it is not JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (plan == null || !"plan".equals(plan.path("kind").asText()) || !plan.path("changes").isArray()) {
            throw new IllegalArgumentException("it is not the output of 'flowctl plan --format json'");
        }
        Map<String, PlanFinding> byAddress = new LinkedHashMap<>();
        for (JsonNode c : plan.get("changes")) {
            String action = c.path("action").asText();
            List<String> messages = new ArrayList<>();
            c.path("inputChanges").forEach(i -> {
                if (!"none".equals(i.path("severity").asText())) messages.add(i.path("severity").asText() + ": " + i.path("message").asText());
            });
            c.path("violations").forEach(v -> messages.add("blocked: " + v.path("message").asText() + " " + v.path("fix").asText()));
            if ("no-op".equals(action) && messages.isEmpty()) continue;
            byAddress.put(c.path("address").asText(), new PlanFinding(c.path("version").asText(), action, c.path("blocked").asBoolean(), List.copyOf(messages)));
        }
        JsonNode env = plan.path("environment");
        return new PlanSummary(env.isTextual() ? env.asText() : null, plan.path("summary").path("text").asText(),
                plan.path("summary").path("blocked").asBoolean(), byAddress);
    }
}
