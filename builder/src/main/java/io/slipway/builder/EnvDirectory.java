package io.slipway.builder;

import java.util.Map;
import java.util.TreeMap;

/**
 * A CNB env directory ({@code env/}, {@code env.build/}, {@code env.launch/}): one file per
 * variable, its name the variable with an optional suffix, its contents the value verbatim.
 * No suffix and {@code .override} replace; {@code .default} sets only when unset or empty;
 * {@code .append} and {@code .prepend} join with the value of {@code NAME.delim} (nothing if absent).
 */
final class EnvDirectory {

    private final Map<String, String> files;

    /** {@code files}: file name → contents. */
    EnvDirectory(Map<String, String> files) {
        this.files = new TreeMap<>(files);
    }

    /** Applies this directory to {@code env}, in place. */
    void applyTo(Map<String, String> env) {
        for (Map.Entry<String, String> file : files.entrySet()) {
            String fileName = file.getKey();
            int dot = fileName.indexOf('.');
            String name = dot < 0 ? fileName : fileName.substring(0, dot);
            String suffix = dot < 0 ? "override" : fileName.substring(dot + 1);
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                continue;
            }
            String value = file.getValue();
            String current = env.get(name);
            switch (suffix) {
                case "override" -> env.put(name, value);
                case "default" -> {
                    if (current == null || current.isEmpty()) {
                        env.put(name, value);
                    }
                }
                case "append", "prepend" -> {
                    String delim = files.getOrDefault(name + ".delim", "");
                    if (current == null || current.isEmpty()) {
                        env.put(name, value);
                    } else {
                        env.put(name, suffix.equals("append") ? current + delim + value : value + delim + current);
                    }
                }
                default -> { } // .delim and unknown suffixes set nothing themselves
            }
        }
    }

    /** Prepends {@code dir} to a path-like variable ({@code PATH}, {@code LD_LIBRARY_PATH}, ...). */
    static void prependPath(Map<String, String> env, String name, String dir) {
        String current = env.get(name);
        env.put(name, current == null || current.isEmpty() ? dir : dir + ":" + current);
    }
}
