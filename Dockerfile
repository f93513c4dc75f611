# syntax=docker/dockerfile:1.7
# One image recipe for every Tally service; the build argument names the Maven module (see <modules> in pom.xml):
#   docker build --build-arg MODULE=revenue-service -t tally/revenue-service:0.1.0 .
# Built from the repository root because a service needs its sibling modules. Base images are pinned to exact tags;
# not to digests, because no digest could be verified where this file was written (no registry access): Renovate
# (renovate.json) proposes tag updates and can pin digests once run against the registries.

FROM maven:3.9.11-eclipse-temurin-17 AS build
ARG MODULE
# ./mvnw runs the Maven pinned in .mvn/maven-version, fetched once through the image's Maven (3.9, which passes
# MAVEN_ARGS on); it and the local repository live in one build cache
ENV MAVEN_USER_HOME=/cache/m2 MAVEN_REPO_LOCAL=/cache/m2/repository MAVEN_ARGS=-Dmaven.repo.local=/cache/m2/repository
WORKDIR /workspace
COPY . .
# the layered jar is unpacked so that dependencies, which change rarely, get their own image layer
RUN --mount=type=cache,target=/cache/m2 \
    test -n "$MODULE" && test -f "$MODULE/pom.xml" || { echo "--build-arg MODULE=<a module of pom.xml> is required" >&2; exit 1; }; \
    ./mvnw -B -q -DskipTests -Dspring-javaformat.skip=true -pl "$MODULE" -am package \
 && java -Djarmode=tools -jar "$MODULE/target/$MODULE"-*.jar extract --layers --launcher --destination /extracted

FROM eclipse-temurin:17.0.15_6-jre-jammy
ARG MODULE
LABEL org.opencontainers.image.title="tally/${MODULE}"
# /var/lib/tally: writable state of a service (the auth-server's signing key); a named volume mounted there takes this
# owner when Docker creates it
RUN groupadd --system --gid 10001 tally && useradd --system --uid 10001 --gid tally --no-create-home tally \
 && mkdir -p /var/lib/tally && chown 10001:10001 /var/lib/tally
WORKDIR /app
# least-changing layers first
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
USER 10001:10001
# The JVM flags of every service, in this one place. Heap = 40 % of the container memory limit, which compose and k8s
# set to 640 MiB: 256 MiB of heap and 384 MiB for everything else. Measured 2026-12-01 on the local stack under a
# minute of writes (16 connections posting invoices, 4 reading revenue): RSS peaked at 389 MiB (invoice-service) and
# 357 MiB (revenue-service) with -Xmx512m, of which the heap was 150/128 MiB committed and 45/29 MiB live after a full
# GC; the rest (metaspace ~75, GC ~43, code cache ~34, symbols, threads) ~245 MiB. Avro's trusted packages: still
# needed by main's serde at the time of writing.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=40 -XX:+ExitOnOutOfMemoryError"
# Actuator listens on the management port (MANAGEMENT_SERVER_PORT, set by compose and the k8s ConfigMaps);
# bash's /dev/tcp keeps the image free of curl
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=6 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${MANAGEMENT_SERVER_PORT:?} && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && grep -q '\"UP\"' <&3"]
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
