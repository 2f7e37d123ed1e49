package io.slipway.scheduler;

import io.slipway.core.AppName;
import io.slipway.core.Logs;
import io.slipway.core.SlipwayException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Each app's log as a file under the data dir ({@code APP.log}), rotated to {@code APP.log.1}
 * when it passes the size cap, so logs survive restarts and never fill the disk. Lines are
 * {@code TIMESTAMP SOURCE | text}, the source being an instance ({@code web.1}) or {@code slipway}.
 */
public final class LogStore implements Logs {

    private final Path dir;
    private final long capBytes;
    private final Map<AppName, List<Consumer<String>>> followers = new ConcurrentHashMap<>();
    private final Map<AppName, Object> locks = new ConcurrentHashMap<>();

    public LogStore(Path dir, long capBytes) {
        this.dir = dir;
        this.capBytes = capBytes;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new SlipwayException("cannot create the log directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Appends a line from {@code source} (an instance such as {@code web.1}, or {@code slipway}). */
    public void write(AppName app, String source, String text) {
        String line = Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + source + " | " + text;
        synchronized (locks.computeIfAbsent(app, a -> new Object())) {
            Path file = file(app);
            try {
                if (Files.exists(file) && Files.size(file) > capBytes) {
                    Files.move(file, dir.resolve(app + ".log.1"), StandardCopyOption.REPLACE_EXISTING);
                }
                Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (Consumer<String> follower : followers.getOrDefault(app, List.of())) {
            follower.accept(line);
        }
    }

    @Override
    public void event(AppName app, String text) {
        write(app, "slipway", text);
    }

    @Override
    public List<String> tail(AppName app, int lines) {
        List<String> all = new ArrayList<>();
        synchronized (locks.computeIfAbsent(app, a -> new Object())) {
            for (Path file : List.of(dir.resolve(app + ".log.1"), file(app))) {
                if (Files.exists(file)) {
                    try {
                        all.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return List.copyOf(all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Override
    public AutoCloseable follow(AppName app, Consumer<String> listener) {
        List<Consumer<String>> list = followers.computeIfAbsent(app, a -> new CopyOnWriteArrayList<>());
        list.add(listener);
        return () -> list.remove(listener);
    }

    /** Deletes the app's log files. */
    public void remove(AppName app) {
        try {
            Files.deleteIfExists(file(app));
            Files.deleteIfExists(dir.resolve(app + ".log.1"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path file(AppName app) {
        return dir.resolve(app + ".log");
    }
}
