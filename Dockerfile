# One image recipe for all seven services; the build arg SERVICE names the Maven module, e.g.
#   docker build --build-arg SERVICE=svc-portal --build-arg PORT=8081 -t mpac/svc-portal .
# Stage 1 builds that module's Boot jar with the committed Maven wrapper; stage 2 runs its extracted layers on a JRE.

FROM eclipse-temurin:25-jdk AS build
WORKDIR /workspace

# The wrapper and every module's pom first: Maven reads the whole reactor even when building one module, and the
# dependency layer below then stays cached, and shared by all seven builds, until a pom changes.
# (The image has no curl, wget or unzip: mvnw then downloads Maven with Java and unpacks the .tar.gz.)
COPY mvnw ./
COPY .mvn/ .mvn/
COPY pom.xml ./
COPY shared-contracts/pom.xml shared-contracts/
COPY test-support/pom.xml test-support/
COPY svc-portal/pom.xml svc-portal/
COPY svc-smarttab/pom.xml svc-smarttab/
COPY mpac-pgw/pom.xml mpac-pgw/
COPY mia-pos-gateway/pom.xml mia-pos-gateway/
COPY mobilepay-adapter/pom.xml mobilepay-adapter/
COPY mq-pay/pom.xml mq-pay/
COPY payment-request/pom.xml payment-request/
COPY launcher/pom.xml launcher/
COPY e2e-tests/pom.xml e2e-tests/
RUN ./mvnw -q -B dependency:go-offline

COPY . .
ARG SERVICE
RUN test -n "$SERVICE" || { echo "build arg SERVICE (a module name, e.g. svc-portal) is required" >&2; exit 1; }; \
    ./mvnw -q -B -pl "$SERVICE" -am -DskipTests package \
    && java -Djarmode=tools -jar "$SERVICE/target/$SERVICE.jar" \
         extract --layers --destination /extracted --application-filename app.jar

FROM eclipse-temurin:25-jre
ARG SERVICE
ARG PORT=8080
LABEL org.opencontainers.image.title="${SERVICE}"

# A fixed numeric uid/gid, and USER by number: Kubernetes' runAsNonRoot can only verify a numeric user, and the
# manifests in ops/k8s run as this same 10001.
RUN groupadd --system --gid 10001 mpac \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin mpac
WORKDIR /app
# Least-often-changing layer first, so a code change rebuilds only the last one. Files stay root-owned: the
# service can read its code but not change it.
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
USER 10001:10001

# Serial GC suits a small container heap. 60 %, not the usual 75 %, of the memory limit (512 MB in docker-compose.yml)
# leaves room for metaspace, code cache and thread stacks; at 75 % the container can be OOM-killed before the JVM
# itself runs out of heap.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60 -XX:+UseSerialGC"
# Documentation only: the port actually used is server.port (SERVER_PORT in docker-compose.yml).
EXPOSE ${PORT}
# No HEALTHCHECK here: docker-compose.yml declares it, with the port it sets.
ENTRYPOINT ["java", "-jar", "app.jar"]
