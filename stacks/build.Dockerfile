# The build stack: what buildpacks compile and fetch with. Built on the run stack, so the two
# share their base layer and a binary built here runs there.
FROM slipway/stack-run:latest
USER root
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      build-essential pkg-config curl git ca-certificates xz-utils unzip jq python3 \
      nodejs node-semver \
 && rm -rf /var/lib/apt/lists/*
LABEL io.buildpacks.stack.id=io.slipway.stacks.bookworm
USER 1000:1000
