package io.slipway.receiver;

import io.slipway.core.AppName;
import io.slipway.core.SlipwayException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;

/** Each app's bare git repository, at {@code <data>/repos/APP.git}. */
public final class Repositories {

    private final Path root;

    public Repositories(Path root) {
        this.root = root;
    }

    public Path path(AppName app) {
        return root.resolve(app.value() + ".git");
    }

    public boolean exists(AppName app) {
        return RepositoryCache.FileKey.isGitRepository(path(app).toFile(), FS.DETECTED);
    }

    /** The files of the app's deploy branch (main, else master), if it has been pushed. */
    public java.util.Optional<io.slipway.core.SourceTree> deployed(AppName app) {
        if (!exists(app)) {
            return java.util.Optional.empty();
        }
        // The tree reads objects lazily, so the repository stays open for it (JGit caches packs globally).
        Repository repository = openOrCreate(app);
        try {
            for (String branch : java.util.List.of("refs/heads/main", "refs/heads/master")) {
                org.eclipse.jgit.lib.Ref ref = repository.exactRef(branch);
                if (ref != null && ref.getObjectId() != null) {
                    return java.util.Optional.of(new GitSourceTree(repository, ref.getObjectId()));
                }
            }
            repository.close();
            return java.util.Optional.empty();
        } catch (IOException e) {
            throw new SlipwayException("cannot read the repository of " + app + ": " + e.getMessage(), e);
        }
    }

    /** What is done with the files of a commit while its repository is open. */
    @FunctionalInterface
    public interface SourceUse<T> {
        T apply(io.slipway.core.SourceTree source) throws Exception;
    }

    /**
     * {@code use} run on the files of {@code commit} (ps:rebuild), if the app's repository has that
     * commit; the repository is closed after.
     */
    public <T> java.util.Optional<T> withCommit(AppName app, String commit, SourceUse<T> use) throws Exception {
        if (!exists(app) || !org.eclipse.jgit.lib.ObjectId.isId(commit)) {
            return java.util.Optional.empty();
        }
        try (Repository repository = openOrCreate(app)) {
            org.eclipse.jgit.lib.ObjectId id = org.eclipse.jgit.lib.ObjectId.fromString(commit);
            if (!repository.getObjectDatabase().has(id)) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(use.apply(new GitSourceTree(repository, id)));
        }
    }

    /**
     * Creates {@code target}'s repository as a fork of {@code source}'s: its objects are shared
     * through git alternates (no copy), and it gets {@code refs} (ref name → commit id).
     */
    public void fork(AppName source, AppName target, java.util.Map<String, String> refs) {
        if (exists(target)) {
            throw new SlipwayException("app " + target + " already has a repository");
        }
        try (Repository repository = openOrCreate(target)) {
            Path alternates = path(target).resolve("objects/info/alternates");
            Files.createDirectories(alternates.getParent());
            Files.writeString(alternates, path(source).resolve("objects").toAbsolutePath() + "\n");
            for (java.util.Map.Entry<String, String> ref : refs.entrySet()) {
                setRef(repository, ref.getKey(), ref.getValue());
            }
        } catch (IOException e) {
            throw new SlipwayException("cannot fork the repository of " + source + ": " + e.getMessage(), e);
        }
    }

    /** Points a ref of the app's repository at a commit its objects (or its alternates) hold. */
    public void setRef(AppName app, String ref, String commit) {
        try (Repository repository = openOrCreate(app)) {
            setRef(repository, ref, commit);
        } catch (IOException e) {
            throw new SlipwayException("cannot update " + ref + " of " + app + ": " + e.getMessage(), e);
        }
    }

    private static void setRef(Repository repository, String ref, String commit) throws IOException {
        org.eclipse.jgit.lib.RefUpdate update = repository.updateRef(ref);
        update.setNewObjectId(org.eclipse.jgit.lib.ObjectId.fromString(commit));
        update.setForceUpdate(true);
        org.eclipse.jgit.lib.RefUpdate.Result result = update.update();
        if (result == org.eclipse.jgit.lib.RefUpdate.Result.LOCK_FAILURE
                || result == org.eclipse.jgit.lib.RefUpdate.Result.IO_FAILURE
                || result == org.eclipse.jgit.lib.RefUpdate.Result.REJECTED) {
            throw new IOException("ref update " + result);
        }
    }

    /** The app's branches (refs/heads/...) and the commits they point at. */
    public java.util.Map<String, String> branches(AppName app) {
        java.util.Map<String, String> branches = new java.util.LinkedHashMap<>();
        if (!exists(app)) {
            return branches;
        }
        try (Repository repository = openOrCreate(app)) {
            for (org.eclipse.jgit.lib.Ref ref : repository.getRefDatabase().getRefsByPrefix("refs/heads/")) {
                if (ref.getObjectId() != null) {
                    branches.put(ref.getName(), ref.getObjectId().name());
                }
            }
        } catch (IOException e) {
            throw new SlipwayException("cannot read the branches of " + app + ": " + e.getMessage(), e);
        }
        return branches;
    }

    /**
     * Deletes the app's repository. Forks that borrow its objects (git alternates) first get
     * their own copy, so their history survives.
     */
    public void delete(AppName app) {
        Path dir = path(app);
        if (!Files.exists(dir)) {
            return;
        }
        Path objects = dir.resolve("objects").toAbsolutePath();
        try (var repos = Files.list(root)) {
            for (Path other : repos.toList()) {
                Path alternates = other.resolve("objects/info/alternates");
                if (!other.equals(dir) && Files.exists(alternates)
                        && Files.readAllLines(alternates).stream().anyMatch(l -> l.strip().equals(objects.toString()))) {
                    copyObjects(objects, other.resolve("objects"));
                    Files.write(alternates, Files.readAllLines(alternates).stream()
                            .filter(l -> !l.strip().equals(objects.toString())).toList());
                }
            }
        } catch (IOException e) {
            throw new SlipwayException("cannot detach the forks of " + app + ": " + e.getMessage(), e);
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new SlipwayException("cannot delete the repository of " + app + ": " + e.getMessage(), e);
        }
    }

    private static void copyObjects(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (p.startsWith(from.resolve("info"))) {
                    continue;
                }
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!Files.exists(target)) {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** Opens the app's repository, creating an empty bare one first if needed. */
    public Repository openOrCreate(AppName app) {
        try {
            Files.createDirectories(root);
            Repository repository = new FileRepositoryBuilder().setGitDir(path(app).toFile()).setBare().build();
            if (!exists(app)) {
                repository.create(true);
                repository.getConfig().setString("core", null, "logallrefupdates", "true");
                repository.getConfig().save();
            }
            return repository;
        } catch (IOException e) {
            throw new SlipwayException("cannot open the repository of " + app + ": " + e.getMessage(), e);
        }
    }
}
