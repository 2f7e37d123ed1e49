package io.slipway.builder;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.slipway.core.BuildFailedException;
import java.util.Map;

/** The run stack an image is exported onto, as its labels describe it. */
record Stack(String imageId, String buildImageId, String id, String distroName, String distroVersion) {

    static Stack inspect(DockerClient docker, String runImage, String buildImage) {
        try {
            String build = docker.inspectImageCmd(buildImage).exec().getId();
            var run = docker.inspectImageCmd(runImage).exec();
            Map<String, String> labels = run.getConfig() == null || run.getConfig().getLabels() == null
                    ? Map.of() : run.getConfig().getLabels();
            return new Stack(run.getId(), build, labels.getOrDefault("io.buildpacks.stack.id", "io.slipway.stacks"),
                    labels.getOrDefault("io.buildpacks.base.distro.name", "debian"),
                    labels.getOrDefault("io.buildpacks.base.distro.version", ""));
        } catch (NotFoundException e) {
            throw new BuildFailedException("setup", "a stack image is missing (" + runImage + ", " + buildImage
                    + "): an operator must run scripts/paas up, which builds them");
        }
    }
}
