# Leadflow, on the postgres profile unless SPRING_PROFILES_ACTIVE says otherwise (docker-compose.yml runs the
# embedded default with the sandbox by default). Build: docker build -t leadflow .
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
COPY processes processes
COPY forms forms
RUN ./mvnw -B -q package -DskipTests

FROM eclipse-temurin:17-jre
WORKDIR /app
# /app/data: the embedded default's H2 files (a volume in docker-compose.yml), writable by the app's user
RUN useradd --system leadflow && mkdir -p /app/data && chown leadflow /app/data
COPY --from=build /src/target/leadflow-*.jar /app/leadflow.jar
USER leadflow
EXPOSE 8080
ENV SPRING_PROFILES_ACTIVE=postgres
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/leadflow.jar"]
