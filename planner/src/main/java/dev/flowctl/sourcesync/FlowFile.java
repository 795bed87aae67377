package dev.flowctl.sourcesync;

import java.util.List;

/**
 * What the Parameter reader found in one Python file.
 *
 * @param importsMetaflow whether it imports metaflow; files that do not are not flow files
 * @param error           why it could not be read (a syntax error…), or null
 * @param errorLine       1-based line of the error, 0 when unknown
 * @param flowClass       the flow class (a FlowSpec subclass no other class of the file derives from), or null
 * @param flowLine        its line
 * @param flowColumn      its column
 * @param flowClasses     every such class: more than one leaves the flow ambiguous
 * @param openBases       bases of the flow class from other modules, which may declare more Parameters
 * @param parameters      the Parameters of the flow class and its bases in this file, nearest first
 */
record FlowFile(boolean importsMetaflow, String error, int errorLine, String flowClass, int flowLine, int flowColumn,
                List<String> flowClasses, List<String> openBases, List<MetaflowParameter> parameters) {
    FlowFile {
        flowClasses = List.copyOf(flowClasses);
        openBases = List.copyOf(openBases);
        parameters = List.copyOf(parameters);
    }

    static FlowFile failed(String error, int line) {
        return new FlowFile(true, error, line, null, 0, 0, List.of(), List.of(), List.of());
    }
}
