package dev.flowctl.spec;

/** The address of one flow version, written {@code flow@version}. Orders by flow, then version. */
public record FlowVersionAddress(String flow, String version) implements Comparable<FlowVersionAddress> {

    public static FlowVersionAddress parse(String text) {
        int at = text.indexOf('@');
        if (at <= 0 || at == text.length() - 1 || text.indexOf('@', at + 1) >= 0) {
            throw new IllegalArgumentException("'" + text + "' is not a flow version address; write it as flow@version, e.g. fleet_features@v1");
        }
        return new FlowVersionAddress(text.substring(0, at), text.substring(at + 1));
    }

    @Override
    public int compareTo(FlowVersionAddress o) {
        int c = flow.compareTo(o.flow);
        return c != 0 ? c : VersionOrder.compare(version, o.version);
    }

    @Override
    public String toString() {
        return flow + "@" + version;
    }
}
