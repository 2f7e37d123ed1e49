package io.slipway.receiver;

import io.slipway.core.SlipwayException;
import io.slipway.core.SourceTree;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.eclipse.jgit.ignore.FastIgnoreRule;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/** The files of one commit in a bare repository, read straight from the object database. */
final class GitSourceTree implements SourceTree {

    private final Repository repository;
    private final RevTree tree;
    private final ObjectId commit;
    private static final long ZIP_EPOCH = 315532800000L; // 1980-01-01

    /** Every file's timestamp: the commit's (see {@link SourceTree#writeTar}). */
    private final Date time;

    GitSourceTree(Repository repository, ObjectId commit) {
        this.repository = repository;
        this.commit = commit;
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit c = walk.parseCommit(commit);
            this.tree = c.getTree();
            // Not before 1980: zip, and the tools that write zips (jar, pip wheels), cannot store it.
            this.time = new Date(Math.max(c.getCommitTime() * 1000L, ZIP_EPOCH));
        } catch (IOException e) {
            throw new SlipwayException("cannot read commit " + commit.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<byte[]> file(String path) {
        try (ObjectReader reader = repository.newObjectReader();
             TreeWalk walk = TreeWalk.forPath(reader, path, tree)) {
            if (walk == null || (walk.getFileMode(0).getBits() & FileMode.TYPE_MASK) != FileMode.TYPE_FILE) {
                return Optional.empty();
            }
            return Optional.of(reader.open(walk.getObjectId(0)).getBytes());
        } catch (IOException e) {
            throw new SlipwayException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> files(String directory) {
        try (ObjectReader reader = repository.newObjectReader(); TreeWalk walk = new TreeWalk(reader)) {
            walk.addTree(tree);
            walk.setRecursive(true);
            walk.setFilter(PathFilter.create(directory));
            List<String> files = new ArrayList<>();
            while (walk.next()) {
                String path = walk.getPathString();
                if (path.startsWith(directory + "/") && path.indexOf('/', directory.length() + 1) < 0
                        && (walk.getFileMode(0).getBits() & FileMode.TYPE_MASK) == FileMode.TYPE_FILE) {
                    files.add(path);
                }
            }
            return files;
        } catch (IOException e) {
            throw new SlipwayException("cannot list " + directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String revision() {
        return commit.name();
    }

    @Override
    public void writeTar(OutputStream out, int uid, int gid, List<String> excludes) throws IOException {
        List<FastIgnoreRule> rules = excludes.stream().map(String::strip)
                .filter(p -> !p.isEmpty() && !p.startsWith("#") && !p.startsWith("!"))
                .map(FastIgnoreRule::new).toList();
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        try (ObjectReader reader = repository.newObjectReader(); TreeWalk walk = new TreeWalk(reader)) {
            walk.addTree(tree);
            walk.setRecursive(false);
            while (walk.next()) {
                FileMode mode = walk.getFileMode(0);
                String path = walk.getPathString();
                boolean directory = mode == FileMode.TREE;
                if (rules.stream().anyMatch(r -> r.isMatch(path, directory))) {
                    continue;
                }
                if (mode == FileMode.TREE) {
                    TarArchiveEntry dir = entry(path + "/", uid, gid);
                    dir.setMode(040755);
                    tar.putArchiveEntry(dir);
                    tar.closeArchiveEntry();
                    walk.enterSubtree();
                } else if (mode == FileMode.SYMLINK) {
                    TarArchiveEntry link = new TarArchiveEntry(path, TarArchiveEntry.LF_SYMLINK);
                    link.setLinkName(new String(reader.open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
                    link.setModTime(time);
                    link.setIds(uid, gid);
                    tar.putArchiveEntry(link);
                    tar.closeArchiveEntry();
                } else if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) {
                    ObjectLoader blob = reader.open(walk.getObjectId(0));
                    TarArchiveEntry file = entry(path, uid, gid);
                    file.setMode(mode == FileMode.EXECUTABLE_FILE ? 0100755 : 0100644);
                    file.setSize(blob.getSize());
                    tar.putArchiveEntry(file);
                    blob.copyTo(tar);
                    tar.closeArchiveEntry();
                }
                // gitlinks (submodules) carry no content here and are skipped.
            }
        }
        tar.finish();
    }

    private TarArchiveEntry entry(String name, int uid, int gid) {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setModTime(time);
        e.setIds(uid, gid);
        return e;
    }
}
