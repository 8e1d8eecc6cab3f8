package com.mpac.launcher;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The launcher's terminal output, like {@code docker compose up}: each service's lines behind its padded name, in a
 * colour of its own when the output is a terminal (escape codes would only clutter a log file or a CI transcript).
 */
final class ServiceConsole {

    static final String LAUNCHER = "mpac";

    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final String RED = "\u001b[31m";
    private static final String[] COLOURS = {"\u001b[36m", "\u001b[33m", "\u001b[32m", "\u001b[35m", "\u001b[34m",
        "\u001b[96m", "\u001b[93m", "\u001b[92m"};

    private final PrintStream out;
    private final boolean colour;
    private final int width;
    private final Map<String, String> prefixes = new HashMap<>();

    ServiceConsole(PrintStream out, boolean colour, List<String> names) {
        this.out = out;
        this.colour = colour;
        this.width = names.stream().mapToInt(String::length).max().orElse(0);
        for (int i = 0; i < names.size(); i++) {
            prefixes.put(names.get(i), prefix(names.get(i), COLOURS[i % COLOURS.length]));
        }
        prefixes.put(LAUNCHER, prefix(LAUNCHER, BOLD));
    }

    /** Colour only for an interactive terminal, and never when {@code NO_COLOR} is set (no-color.org). */
    static ServiceConsole forTerminal(List<String> names, Map<String, String> env) {
        boolean terminal = System.console() != null && !"dumb".equals(env.get("TERM"));
        return new ServiceConsole(System.out, terminal && !env.containsKey("NO_COLOR"), names);
    }

    /** One line of a service's output. */
    void line(String name, String text) {
        String prefix = prefixes.computeIfAbsent(name, unknown -> prefix(unknown, ""));
        out.println(prefix + text);
    }

    /** One line from the launcher itself. */
    void info(String text) {
        line(LAUNCHER, text);
    }

    void warn(String text) {
        line(LAUNCHER, colour ? RED + text + RESET : text);
    }

    /** A block printed in one piece, so service lines cannot interleave with it. */
    void block(String text) {
        synchronized (out) {
            out.print(text);
            out.flush();
        }
    }

    String prefix(String name) {
        return prefixes.getOrDefault(name, prefix(name, ""));
    }

    private String prefix(String name, String code) {
        String padded = name + " ".repeat(Math.max(0, width - name.length())) + " | ";
        return colour && !code.isEmpty() ? code + padded + RESET : padded;
    }
}
