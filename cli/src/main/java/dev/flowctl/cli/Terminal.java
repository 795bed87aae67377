package dev.flowctl.cli;

import java.io.Console;

/** Where a confirmation comes from; non-interactive when there is no console (CI, tests, pipes). */
public interface Terminal {
    Terminal NONE = new Terminal() {
        @Override
        public boolean interactive() {
            return false;
        }

        @Override
        public String readLine(String prompt) {
            return null;
        }
    };

    boolean interactive();

    String readLine(String prompt);

    /** The process console, if stdin and stdout are a terminal. */
    static Terminal system() {
        Console c = System.console();
        if (c == null) return NONE;
        return new Terminal() {
            @Override
            public boolean interactive() {
                return true;
            }

            @Override
            public String readLine(String prompt) {
                return c.readLine("%s", prompt);
            }
        };
    }
}
