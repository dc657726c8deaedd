#!/usr/bin/env bash
# What each extension the actor runtime needs adds to a function's start (issue 4's cold-start
# ratio): the bare Funqy function of cold-start.sh, the same with one extension at a time (with
# the runtime's settings for it), with all four, and the coffee machine itself; each started as
# ripple up starts a function (its launcher: JVM options, environment, class cache) but with no
# broker in between, in turns, --rounds times (src/bench/java/io/ripple/cli/up/ExtensionCost.java).
# Prints start -> ready and start -> first answer, medians, and the difference to the bare function.
# --probing knative probes readiness every 50 ms at five phases in turn, as Knative's queue-proxy
# would at a phase nobody chooses (default: fine, every 5 ms).
#
#   infra/cli/bench/extension-cost.sh [--rounds 10] [--java /usr/lib/jvm/temurin-25-jdk-amd64] [--probing fine|knative]
# Needs the coffee machine built (./ripple --help builds it) and Maven Central for the variants.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
ROUNDS=10
JAVA=/usr/lib/jvm/temurin-25-jdk-amd64
PROBING=fine
while (( $# > 0 )); do
  case "$1" in
    --rounds) ROUNDS="${2:-}"; shift $(( $# > 1 ? 2 : 1 )) ;;
    --java) JAVA="${2:-}"; shift $(( $# > 1 ? 2 : 1 )) ;;
    --probing) PROBING="${2:-}"; shift $(( $# > 1 ? 2 : 1 )) ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || { echo "--rounds needs a whole number of rounds, not '$ROUNDS'" >&2; exit 2; }
[[ "$PROBING" == fine || "$PROBING" == knative ]] || { echo "--probing is fine or knative, not '$PROBING'" >&2; exit 2; }
[[ -x "$JAVA/bin/java" ]] && JAVA="$JAVA/bin/java"
[[ -x "$JAVA" ]] || { echo "--java $JAVA: no java executable there" >&2; exit 2; }
CM="$ROOT/functions/coffee-machine/target/quarkus-app/quarkus-run.jar"
CLI="$ROOT/infra/cli/target/ripple-cli.jar"
for jar in "$CM" "$CLI"; do
  [[ -f "$jar" ]] || { echo "not built: $jar (run ./ripple --help first)" >&2; exit 2; }
done
if [[ ! -f "$ROOT/infra/cli/target/test-classes/io/ripple/cli/up/ExtensionCost.class" ]]; then
  (cd "$ROOT" && mvn -B -q -pl infra/cli test-compile) >&2
fi

WORK="$(mktemp -d /tmp/ripple-extension-cost.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

dep() { echo "<dependency><groupId>$1</groupId><artifactId>$2</artifactId></dependency>"; }
OTEL="$(dep io.quarkus quarkus-opentelemetry)"
MICROMETER="$(dep io.quarkus quarkus-micrometer-registry-prometheus)"
MESSAGING="$(dep io.quarkus quarkus-messaging)$(dep io.smallrye.reactive smallrye-reactive-messaging-in-memory)"
STORE="$(dep org.xerial sqlite-jdbc)$(dep com.zaxxer HikariCP)"
# The runtime's defaults for these extensions (RuntimeConfigDefaults): tracing off, binders off.
OTEL_PROPS=$'quarkus.otel.sdk.disabled=true\nquarkus.otel.instrument.vertx-http=false\nquarkus.otel.instrument.messaging=false'
MICROMETER_PROPS='quarkus.micrometer.binder-enabled-default=false'
MESSAGING_PROPS='mp.messaging.outgoing.out.connector=smallrye-in-memory'

# variant <name> <dependencies> <properties> [messaging] [store]
variant() {
  local dir="$WORK/$1"
  cp -r "$ROOT/infra/cli/bench/bare-funqy" "$dir"
  rm -rf "$dir/target"
  sed -i -e "s|<relativePath>../../../../pom.xml</relativePath>|<relativePath>$ROOT/pom.xml</relativePath>|" \
    -e "s|<artifactId>bare-funqy</artifactId>|<artifactId>extension-cost-$1</artifactId>|" \
    -e "s|  </dependencies>|$2\n  </dependencies>|" "$dir/pom.xml"
  [[ -n "$3" ]] && printf '%s\n' "$3" >> "$dir/src/main/resources/application.properties"
  local src="$dir/src/main/java/io/ripple/bench"
  if [[ "${4:-}" == messaging ]]; then
    cat > "$src/Out.java" <<'JAVA'
package io.ripple.bench;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/** One outgoing channel, as the runtime has for the events it publishes. */
@ApplicationScoped
public class Out {
    @Inject
    @Channel("out")
    Emitter<String> out;
}
JAVA
  fi
  if [[ "${5:-}" == store ]]; then
    cat > "$src/Store.java" <<'JAVA'
package io.ripple.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

/** An SQLite file behind a HikariCP pool, opened at start, as the runtime's event store is. */
@ApplicationScoped
public class Store {
    HikariDataSource pool;

    void open(@Observes StartupEvent event) throws Exception {
        pool = new HikariDataSource();
        // Where ripple up's launcher puts a function's store (RIPPLE_STORE_URL), as the runtime reads it.
        String url = System.getenv("RIPPLE_STORE_URL");
        Files.createDirectories(Path.of(url.substring("jdbc:sqlite:".length())).toAbsolutePath().getParent());
        pool.setJdbcUrl(url);
        pool.setMaximumPoolSize(4);
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("CREATE TABLE IF NOT EXISTS events(seq INTEGER PRIMARY KEY, payload BLOB)");
        }
    }
}
JAVA
  fi
  echo "building $1 ..." >&2
  (cd "$dir" && mvn -B -q package -DskipTests > build.log 2>&1) || { cat "$dir/build.log" >&2; exit 1; }
}
variant bare "" ""
variant opentelemetry "$OTEL" "$OTEL_PROPS"
variant micrometer "$MICROMETER" "$MICROMETER_PROPS"
variant messaging "$MESSAGING" "$MESSAGING_PROPS" messaging
variant store "$STORE" "" "" store
variant all-four "$OTEL$MICROMETER$MESSAGING$STORE" "$OTEL_PROPS"$'\n'"$MICROMETER_PROPS"$'\n'"$MESSAGING_PROPS" messaging store

jar() { echo "$WORK/$1/target/quarkus-app/quarkus-run.jar:bench.ping"; }
echo "java: $JAVA, $ROUNDS rounds, $PROBING probing" >&2
# ripple-cli.jar's manifest brings the CLI's libraries; test-classes holds the benchmark program.
java -cp "$ROOT/infra/cli/target/test-classes:$CLI" io.ripple.cli.up.ExtensionCost "$JAVA" "$ROUNDS" "$WORK" "$PROBING" \
  "bare=$(jar bare)" "opentelemetry=$(jar opentelemetry)" "micrometer=$(jar micrometer)" \
  "messaging=$(jar messaging)" "store=$(jar store)" "all-four=$(jar all-four)" \
  "coffee-machine=$CM:coffee.machine.initialize"
