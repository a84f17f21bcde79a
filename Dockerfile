# syntax=docker/dockerfile:1
# One image per app, from this repository's root:
#   docker build --build-arg APP=order-service --build-arg PORT=18081 -t flashsale/order-service .
# APP is the module (gateway, order-service, payment-service, marketing-service,
# inventory-service, config-server); PORT is the port it listens on (its FLASHSALE_*_PORT default).
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
ARG APP
RUN test -n "${APP}" || (echo "set --build-arg APP=<module>" >&2; exit 1)
RUN ./mvnw -B -q -pl "${APP}" -am package -DskipTests -Dspring-javaformat.skip=true \
 && cp "${APP}/target/${APP}-"*.jar /app.jar \
 && java -Djarmode=tools -jar /app.jar extract --layers --launcher --destination /layers

FROM eclipse-temurin:25-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app flashsale
WORKDIR /app
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
ARG PORT
ENV PORT=${PORT}
# Heap from the container's memory limit; SerialGC suits one or two cores (docs/performance.md).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=70 -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError"
USER 10001
EXPOSE ${PORT}
HEALTHCHECK --interval=10s --timeout=3s --start-period=120s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${PORT}/actuator/health/readiness" || exit 1
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
