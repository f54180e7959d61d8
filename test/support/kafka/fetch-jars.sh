#!/usr/bin/env bash
# Resolves the Apache Kafka broker jars from Maven Central into .cache/kafka/kafka-<version>/libs
# and prints that directory. A second run finds the finished directory and returns at once.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
version="${OQS_TEST_KAFKA_VERSION:-$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$here/pom.xml")}"
target="$repo/.cache/kafka/kafka-$version"
libs="$target/libs"

# The marker is written last, so a half-finished download is never taken for a complete one.
if [[ -f "$target/complete" ]]; then
  echo "$libs"
  exit 0
fi

# Two runs at once (CI and a developer's npm test) take turns; the second finds the first's result.
mkdir -p "$repo/.cache/kafka"
exec 9>"$repo/.cache/kafka/.fetch.lock"
flock 9
if [[ -f "$target/complete" ]]; then
  echo "$libs"
  exit 0
fi

command -v mvn >/dev/null || { echo "fetch-jars: Maven (mvn) is needed to fetch the Kafka jars" >&2; exit 1; }

staging="$target.partial.$$"
trap 'rm -rf "$staging"' EXIT
mkdir -p "$staging/libs"
# Maven's output is shown only when it fails (it prints colour codes even in batch mode).
if ! mvn -q -B -f "$here/pom.xml" -Dkafka.version="$version" \
  dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$staging/libs" >"$staging/mvn.log" 2>&1; then
  cat "$staging/mvn.log" >&2
  echo "fetch-jars: Maven could not fetch Apache Kafka $version (above)" >&2
  exit 1
fi
ls "$staging/libs" | grep -q "^kafka_2.13-$version.jar$" \
  || { echo "fetch-jars: kafka_2.13-$version.jar missing after Maven ran" >&2; exit 1; }
rm -f "$staging/mvn.log"
touch "$staging/complete"
rm -rf "$target"
mv "$staging" "$target"
echo "$libs"
