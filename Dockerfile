# syntax=docker/dockerfile:1
#
# Builds one runnable Steward module image. Select the module with the build
# argument MODULE (worker or api), e.g.:
#   docker build --build-arg MODULE=api -t steward-api .
# docker-compose.yml builds both images from this file.

ARG MODULE=api

# ---- Stage 1: build the module (and the modules it depends on) ----
FROM maven:3.9-eclipse-temurin-21 AS build
ARG MODULE
WORKDIR /src
COPY . .
# The cache mount keeps downloaded dependencies between builds (BuildKit).
RUN --mount=type=cache,target=/root/.m2 \
    mvn -q -B -DskipTests -pl "${MODULE}" -am package \
 && cp "${MODULE}/target/steward-${MODULE}-0.1.0-SNAPSHOT-exec.jar" /app.jar

# ---- Stage 2: runtime ----
FROM eclipse-temurin:21-jre
ARG MODULE
# curl is used by the compose healthcheck (GET /actuator/health).
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system steward \
 && useradd --system --gid steward --home-dir /app steward
WORKDIR /app
COPY --from=build --chown=steward:steward /app.jar /app/app.jar
USER steward
ENV STEWARD_MODULE=${MODULE} \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
