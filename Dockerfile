# syntax=docker/dockerfile:1
# Build: docker build -t chillproxy .
# Run:   docker run -p 8080:8080 -v chillproxy-data:/app/data chillproxy

FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
# dependencies first, so source edits reuse the cached layer
COPY pom.xml ./
COPY chillproxy-core/pom.xml chillproxy-core/
COPY chillproxy-store/pom.xml chillproxy-store/
COPY chillproxy-chillstreams/pom.xml chillproxy-chillstreams/
COPY chillproxy-server/pom.xml chillproxy-server/
RUN mvn -B -ntp -q dependency:go-offline -DexcludeReactor=true || true
COPY . .
# -Dexec.skip: the image keeps an archive of its own (AutoCreateSharedArchive below), not the build's
RUN mvn -B -ntp -q -DskipTests -Dexec.skip package

FROM eclipse-temurin:21-jre
RUN groupadd --system chillproxy && useradd --system --gid chillproxy --home-dir /app chillproxy \
    && mkdir -p /app/data && chown -R chillproxy:chillproxy /app \
    && apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/chillproxy-server/target/chillproxy.jar /app/chillproxy.jar
USER chillproxy
ENV PORT=8080 DATA_DIR=/app/data DATABASE_URL=sqlite:/app/data/chillproxy.db
VOLUME ["/app/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
    CMD curl -fsS http://127.0.0.1:${PORT}/health || exit 1
# AutoCreateSharedArchive (Java 19+) writes a class-data archive on the first start and maps it on later ones:
# start to ready drops from ~2.2 s to ~1.3 s on 2 cores.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", \
            "-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=/app/data/chillproxy.jsa", \
            "-jar", "/app/chillproxy.jar"]
