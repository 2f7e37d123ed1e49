# The build stack: what buildpacks compile and fetch with. Built on the run stack, so the two
# share their base layer and a binary built here runs there.
FROM slipway/stack-run:latest
USER root
# What the run stack has installed, so slipway-apt-install puts only the rest into layers.
RUN mkdir -p /usr/share/slipway && cp /var/lib/dpkg/status /usr/share/slipway/run-stack.status
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      build-essential pkg-config curl git ca-certificates xz-utils unzip zstd jq python3 \
      nodejs node-semver file \
 && rm -rf /var/lib/apt/lists/*
COPY bin/ /usr/local/bin/
USER 1000:1000
