#!/usr/bin/env bash
# Follows docs/getting-started.md as a new user would, outside this build: installs the starter into the local
# Maven repository with the page's command (step 1), writes a new project in an empty directory from the page's
# files alone (every code block captioned with a file name), and runs the page's `mvn test` there with this
# clone's wrapper. The project's test starts the app and checks it over the test kit, HTTP and WebSocket.
#
# The project's build runs offline (-o), so run this after a build of this clone that fetched the dependencies
# (scripts/test.sh does); the install step may fetch maven-install-plugin, which `verify` does not need.
# Options are passed to both Maven runs, e.g. -Dmaven.repo.local=/tmp/m2 to keep the installed starter out of
# ~/.m2/repository (add -Dmaven.repo.local.tail=$HOME/.m2/repository to read the rest from there).
# The page's Gradle files are not built: CI's machines have only Debian's Gradle 4.4; Spring Boot 4 needs 8.14+.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
page="$root/docs/getting-started.md"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
project="$work/hello"

echo "getting-started: installing the starter as the page says"
# the page's command (GettingStartedPageTests checks that the page shows it), in batch mode
(cd "$root" && ./mvnw -q -DskipTests -pl resgate-spring-boot-starter -am install -B -ntp "$@")

echo "getting-started: writing $project from the page"
# a caption line **`path`**, a blank line, then a fenced block: the block is the file at that path
awk -v dir="$project" '
  inblock && /^```$/ { inblock = 0; close(out); caption = ""; next }
  inblock { print > out; next }
  /^\*\*`[^`]+`\*\*$/ { caption = substr($0, 4, length($0) - 6); next }
  caption != "" && /^```/ {
    inblock = 1; out = dir "/" caption; files++
    if (system("mkdir -p \"$(dirname \"" out "\")\"") != 0) exit 1
    printf "" > out; next
  }
  $0 != "" { caption = "" }
  END { if (files < 8) { print "getting-started: only " files " files on the page" > "/dev/stderr"; exit 1 } }
' "$page"
(cd "$project" && find . -type f | sort)

echo "getting-started: mvn test in $project"
(cd "$project" && "$root/mvnw" -B -ntp -o test "$@")
